import "./styles.css";
import { ApiClient } from "./api-client.js";
import { Playground } from "./playground.js";

/** The API lives on the server that serves the page, unless a build says otherwise. */
const API_BASE: string = import.meta.env.VITE_API_BASE ?? "";

const playground = new Playground(new ApiClient(API_BASE));
void playground.start();

// TCC must accept the very programs GCC does.
export { programs } from "./c.js";

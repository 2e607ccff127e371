import type { ApiClient } from "./api-client.js";
import type { ApiKeyDialog } from "./api-key-dialog.js";
import { preferences } from "./preferences.js";

export interface ApiKeyGateOptions {
  api: ApiClient;
  dialog: ApiKeyDialog;
  /** The header's "API key" button: hidden until a server has needed a key. */
  button: HTMLButtonElement;
  toast: (message: string) => void;
}

/**
 * The page's side of API keys: gives the client the remembered key, asks for one when the
 * server answers 401, remembers what the server accepted, and lets the visitor change or forget
 * it from the header.
 */
export class ApiKeyGate {
  readonly #api: ApiClient;
  readonly #dialog: ApiKeyDialog;
  readonly #button: HTMLButtonElement;
  readonly #toast: (message: string) => void;

  constructor(options: ApiKeyGateOptions) {
    this.#api = options.api;
    this.#dialog = options.dialog;
    this.#button = options.button;
    this.#toast = options.toast;
    const remembered = preferences.apiKey();
    if (remembered) this.#api.setApiKey(remembered);
    this.#button.hidden = this.#api.apiKey === null;
    this.#button.addEventListener("click", () => void this.#change());
  }

  /**
   * Called on a 401: asks for a key (saying the saved one was refused, if there was one).
   * @returns true when the server accepted a new key and the call is worth repeating
   */
  async unlock(): Promise<boolean> {
    this.#button.hidden = false;
    const current = this.#api.apiKey;
    const choice = await this.#dialog.ask(current === null ? "needed" : "rejected", current);
    if (choice.kind === "saved") this.#use(choice.key);
    else if (choice.kind === "forgotten") this.#forget();
    return choice.kind === "saved";
  }

  async #change(): Promise<void> {
    const choice = await this.#dialog.ask("change", this.#api.apiKey);
    if (choice.kind === "saved") {
      this.#use(choice.key);
      this.#toast("API key saved.");
    } else if (choice.kind === "forgotten") {
      this.#forget();
      this.#toast("API key forgotten. The playground will ask again when the server needs one.");
    }
  }

  #use(key: string): void {
    this.#api.setApiKey(key);
    preferences.setApiKey(key);
  }

  #forget(): void {
    this.#api.setApiKey(null);
    preferences.setApiKey(null);
  }
}

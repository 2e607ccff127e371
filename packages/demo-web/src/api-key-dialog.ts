import { ApiError } from "./api-error.js";

/** Why the dialog opens: a server asked for a key, refused the saved one, or the visitor asked. */
export type ApiKeyReason = "needed" | "rejected" | "change";

/** What the visitor chose. A saved key was accepted by the server first. */
export type ApiKeyChoice =
  | { kind: "saved"; key: string }
  | { kind: "forgotten" }
  | { kind: "cancelled" };

export interface ApiKeyDialogOptions {
  /** The `<dialog>` of index.html, with its form, input, message and buttons inside. */
  dialog: HTMLDialogElement;
  /** Asks the server whether it takes a key: resolves if so, rejects with an ApiError if not. */
  verify(key: string, signal: AbortSignal): Promise<void>;
}

const TITLES: Record<ApiKeyReason, string> = {
  needed: "This server needs an API key",
  rejected: "This server needs an API key",
  change: "API key",
};

const REJECTED_SAVED = "The saved key is no longer accepted. Enter the current one.";
const REJECTED_TYPED = "That key was not accepted. Check it and try again.";
const EMPTY = "Enter a key first.";

function findParts(dialog: HTMLDialogElement) {
  const find = <T extends HTMLElement>(selector: string): T => {
    const element = dialog.querySelector<T>(selector);
    if (!element) throw new Error(`${selector} is missing from the API key dialog`);
    return element;
  };
  return {
    form: find<HTMLFormElement>("form"),
    title: find<HTMLElement>("h2"),
    input: find<HTMLInputElement>("input"),
    error: find<HTMLElement>(".dialog-error"),
    save: find<HTMLButtonElement>('button[type="submit"]'),
    saveText: find<HTMLElement>('button[type="submit"] .btn-text'),
    cancel: find<HTMLButtonElement>("#api-key-cancel"),
    forget: find<HTMLButtonElement>("#api-key-forget"),
  };
}

type DialogParts = ReturnType<typeof findParts>;

/**
 * The modal that asks for an API key. Nothing is kept until the server accepts the key: a wrong
 * one leaves the dialog open with a message. Escape or Cancel closes it; focus returns to where
 * it was (the native `<dialog>` does both).
 */
export class ApiKeyDialog {
  readonly #dialog: HTMLDialogElement;
  readonly #verify: ApiKeyDialogOptions["verify"];
  readonly #ui: DialogParts;
  #checking: AbortController | null = null;
  #resolve: ((choice: ApiKeyChoice) => void) | null = null;
  #asking: Promise<ApiKeyChoice> | null = null;

  constructor(options: ApiKeyDialogOptions) {
    this.#dialog = options.dialog;
    this.#verify = options.verify;
    this.#ui = findParts(this.#dialog);
    this.#ui.form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.#save();
    });
    this.#ui.cancel.addEventListener("click", () => this.#close({ kind: "cancelled" }));
    this.#ui.forget.addEventListener("click", () => this.#close({ kind: "forgotten" }));
    this.#ui.input.addEventListener("input", () => this.#showError(""));
    // Escape (the native cancel) closes the dialog, which ends the question. The event comes a
    // task later: a dialog already open again is a new question, not this one.
    this.#dialog.addEventListener("close", () => {
      if (!this.#dialog.open) this.#close({ kind: "cancelled" });
    });
  }

  /** Opens the dialog (or joins the question already open) and settles with the choice. */
  ask(reason: ApiKeyReason, current: string | null): Promise<ApiKeyChoice> {
    if (this.#asking) return this.#asking;
    const { title, input, forget } = this.#ui;
    title.textContent = TITLES[reason];
    input.value = reason === "change" ? (current ?? "") : "";
    forget.hidden = current === null;
    this.#showError(reason === "rejected" ? REJECTED_SAVED : "");
    this.#setChecking(false);
    this.#asking = new Promise((resolve) => {
      this.#resolve = resolve;
    });
    this.#dialog.showModal();
    input.focus();
    input.select();
    return this.#asking;
  }

  async #save(): Promise<void> {
    if (this.#checking) return;
    const key = this.#ui.input.value.trim();
    if (key === "") {
      this.#showError(EMPTY);
      this.#ui.input.focus();
      return;
    }
    const checking = new AbortController();
    this.#checking = checking;
    this.#setChecking(true);
    try {
      await this.#verify(key, checking.signal);
    } catch (error) {
      if (checking.signal.aborted) return;
      this.#setChecking(false);
      const unauthorized = ApiError.isInstance(error) && error.kind === "unauthorized";
      const other = ApiError.isInstance(error) ? error.message : "The server answered oddly.";
      this.#showError(unauthorized ? REJECTED_TYPED : `Couldn't check the key. ${other}`);
      this.#ui.input.focus();
      this.#ui.input.select();
      return;
    } finally {
      if (this.#checking === checking) this.#checking = null;
    }
    if (!checking.signal.aborted) this.#close({ kind: "saved", key });
  }

  #close(choice: ApiKeyChoice): void {
    this.#checking?.abort();
    this.#checking = null;
    const resolve = this.#resolve;
    this.#resolve = null;
    this.#asking = null;
    if (this.#dialog.open) this.#dialog.close();
    resolve?.(choice);
  }

  #setChecking(checking: boolean): void {
    const { save, saveText, input } = this.#ui;
    save.disabled = checking;
    save.setAttribute("aria-busy", String(checking));
    saveText.textContent = checking ? "Checking…" : "Save";
    input.readOnly = checking;
  }

  #showError(message: string): void {
    this.#ui.error.textContent = message;
    this.#ui.input.setAttribute("aria-invalid", String(message !== ""));
  }
}

import { copyText } from "./clipboard.js";
import type { CodeEditor } from "./editor.js";
import type { LanguageSwitcher } from "./language-switcher.js";
import { decodeProgram, packedFromHash, type SharedProgram, shareUrl } from "./share-link.js";
import type { TestCase } from "./test-cases.js";

export interface ShareControllerOptions {
  editor: CodeEditor;
  languages: LanguageSwitcher;
  /** True while a run is in flight: a share link pasted then waits. */
  busy: () => boolean;
  toast: (message: string, ms?: number) => void;
  stdin: HTMLTextAreaElement;
  /** The Tests tab's cases, shared with the program. */
  tests: () => TestCase[];
  /** Shows a shared program's test cases. */
  openTests: (tests: TestCase[]) => void;
  shareButton: HTMLButtonElement;
  dialog: HTMLDialogElement;
  url: HTMLInputElement;
  copyButton: HTMLButtonElement;
}

/**
 * Share links: the Share button puts the program into a link (shown and copied), and a link in
 * the address bar, on load or pasted into an open playground, opens its program.
 */
export class ShareController {
  readonly #options: ShareControllerOptions;

  constructor(options: ShareControllerOptions) {
    this.#options = options;
    const { shareButton, copyButton, url } = options;
    shareButton.addEventListener("click", () => void this.#share());
    copyButton.addEventListener("click", () => {
      url.select();
      void copyText(url.value, "Link copied to the clipboard.", options.toast);
    });
    // A share link pasted into the address bar of an open playground opens too.
    window.addEventListener("hashchange", () => void this.#openFromHash());
  }

  /** The program shared by the page's address, if any; says so when its link is damaged. */
  async readAddress(): Promise<SharedProgram | null> {
    const packed = packedFromHash(window.location.hash);
    if (!packed) return null;
    const shared = await decodeProgram(packed);
    if (!shared) this.#options.toast("This share link is damaged, so it could not be opened.");
    return shared;
  }

  async #openFromHash(): Promise<void> {
    const { languages, busy, stdin, openTests, toast } = this.#options;
    const packed = packedFromHash(window.location.hash);
    if (!packed || languages.languages.length === 0 || busy()) return;
    const shared = await decodeProgram(packed);
    const language = shared ? languages.find(shared.language) : undefined;
    if (!shared || !language) {
      toast("This share link is damaged, or its language isn't on this server.");
      return;
    }
    languages.select(language, shared.code);
    stdin.value = shared.stdin;
    openTests(shared.tests);
    toast("Opened a shared program.");
  }

  async #share(): Promise<void> {
    const { languages, editor, stdin, tests, dialog, url, toast } = this.#options;
    const language = languages.current;
    if (!language) return;
    const link = await shareUrl(window.location.href, {
      language: language.id,
      code: editor.code,
      stdin: stdin.value,
      tests: tests(),
    });
    url.value = link;
    if (!dialog.open) dialog.showModal();
    url.select();
    await copyText(link, "Link copied to the clipboard.", toast);
  }
}

/**
 * What the page remembers across visits, in localStorage: the theme, the language, the stdin,
 * the test cases, the input mode, the side pane's tab, the API key of a server that needs one, and a draft of the code per language (so switching languages and back, or
 * reloading, never loses work). Every access survives a storage that throws (private mode, quota).
 */

import { parseTestCases, type TestCase } from "./test-cases.js";

const PREFIX = "warmbox.playground.";

export type InputMode = "batch" | "interactive";
/** The tab shown in the side pane above the output: the stdin, or the test cases. */
export type SideTab = "input" | "tests";

function read(key: string): string | null {
  try {
    return localStorage.getItem(PREFIX + key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(PREFIX + key);
    else localStorage.setItem(PREFIX + key, value);
  } catch {
    // Storage full or blocked: the page works on, it only forgets.
  }
}

export const preferences = {
  theme: (): string | null => read("theme"),
  setTheme: (id: string): void => write("theme", id),

  language: (): string | null => read("language"),
  setLanguage: (id: string): void => write("language", id),

  stdin: (): string | null => read("stdin"),
  setStdin: (text: string): void => write("stdin", text),

  /**
   * The Tests tab's cases. Like the stdin, they belong to the exercise rather than to one
   * language: switching languages keeps them.
   */
  tests: (): TestCase[] => {
    try {
      return parseTestCases(JSON.parse(read("tests") ?? "[]"));
    } catch {
      return [];
    }
  },
  setTests: (tests: readonly TestCase[]): void => write("tests", JSON.stringify(tests)),

  sideTab: (): SideTab => (read("side-tab") === "tests" ? "tests" : "input"),
  setSideTab: (tab: SideTab): void => write("side-tab", tab),

  inputMode: (): InputMode => (read("input-mode") === "interactive" ? "interactive" : "batch"),
  setInputMode: (mode: InputMode): void => write("input-mode", mode),

  /** The key the server accepted, sent with every API call; null when none was ever needed. */
  apiKey: (): string | null => read("api-key"),
  setApiKey: (key: string | null): void => write("api-key", key),

  /** The code last written for a language, or null when none (or it was the starter). */
  draft: (language: string): string | null => read(`draft.${language}`),
  setDraft: (language: string, code: string | null): void => write(`draft.${language}`, code),
};

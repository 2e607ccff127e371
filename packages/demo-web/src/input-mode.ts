import { preferences } from "./preferences.js";

export interface InputModeElements {
  stdin: HTMLTextAreaElement;
  /** The "Interactive" checkbox: stdin stays open while the program runs. */
  interactive: HTMLInputElement;
  /** The stdin pane's hint, which says how its text is used in the chosen mode. */
  hint: HTMLElement;
}

/** Remembers the stdin text and the input mode (batch or interactive), and describes the mode. */
export function installInputMode({ stdin, interactive, hint }: InputModeElements): void {
  stdin.addEventListener("input", () => preferences.setStdin(stdin.value));
  interactive.checked = preferences.inputMode() === "interactive";
  const describeMode = () => {
    hint.textContent = interactive.checked
      ? "sent first; type more while it runs"
      : "stdin, sent when the program starts";
  };
  describeMode();
  interactive.addEventListener("change", () => {
    preferences.setInputMode(interactive.checked ? "interactive" : "batch");
    describeMode();
  });
}

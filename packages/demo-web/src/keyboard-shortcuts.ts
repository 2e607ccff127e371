/** The modifier key of the page's shortcuts, as the visitor's keyboard labels it. */
export const MOD_KEY = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)
  ? "⌘"
  : "Ctrl";

/** Names the modifier key in every `.kbd-mod` hint and in the Run button's tooltip. */
export function labelShortcuts(runButton: HTMLButtonElement): void {
  for (const node of document.querySelectorAll(".kbd-mod")) node.textContent = MOD_KEY;
  runButton.title = `Run (${MOD_KEY}+Enter)`;
}

/**
 * Ctrl/Cmd+Enter runs from anywhere on the page (the editor included), before CodeMirror's
 * own Mod-Enter binding sees it.
 */
export function onRunShortcut(run: () => void): void {
  window.addEventListener(
    "keydown",
    (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && !event.altKey) {
        event.preventDefault();
        event.stopPropagation();
        run();
      }
    },
    { capture: true },
  );
}

/**
 * A splitter between two panes: drag it, or focus it and press the arrow keys (Home/End for the
 * ends). It writes a percentage into a CSS variable of `container` and remembers it.
 */
export interface SplitterOptions {
  handle: HTMLElement;
  container: HTMLElement;
  /** The CSS variable that holds the first pane's share, e.g. "--editor-share". */
  variable: string;
  axis: "x" | "y";
  min: number;
  max: number;
  storageKey: string;
}

export function installSplitter(options: SplitterOptions): void {
  const { handle, container, variable, axis, min, max, storageKey } = options;
  const clamp = (value: number) => Math.min(max, Math.max(min, value));

  const set = (percent: number, save = true) => {
    const value = clamp(Math.round(percent * 10) / 10);
    container.style.setProperty(variable, `${value}%`);
    handle.setAttribute("aria-valuenow", String(Math.round(value)));
    if (save) {
      try {
        localStorage.setItem(storageKey, String(value));
      } catch {
        // Not remembered; still applied.
      }
    }
  };

  let stored: number | null = null;
  try {
    stored = Number(localStorage.getItem(storageKey));
  } catch {
    stored = null;
  }
  if (stored && Number.isFinite(stored)) set(stored, false);

  const current = () => Number(handle.getAttribute("aria-valuenow")) || (min + max) / 2;

  handle.addEventListener("pointerdown", (down) => {
    down.preventDefault();
    handle.setPointerCapture(down.pointerId);
    handle.classList.add("dragging");
    const rect = container.getBoundingClientRect();
    const move = (event: PointerEvent) => {
      const offset = axis === "x" ? event.clientX - rect.left : event.clientY - rect.top;
      const size = axis === "x" ? rect.width : rect.height;
      set((offset / size) * 100);
    };
    const up = () => {
      handle.classList.remove("dragging");
      handle.removeEventListener("pointermove", move);
      handle.removeEventListener("pointerup", up);
      handle.removeEventListener("pointercancel", up);
    };
    handle.addEventListener("pointermove", move);
    handle.addEventListener("pointerup", up);
    handle.addEventListener("pointercancel", up);
  });

  handle.addEventListener("keydown", (event) => {
    const back = axis === "x" ? "ArrowLeft" : "ArrowUp";
    const forward = axis === "x" ? "ArrowRight" : "ArrowDown";
    const step = event.shiftKey ? 10 : 2;
    if (event.key === back) set(current() - step);
    else if (event.key === forward) set(current() + step);
    else if (event.key === "Home") set(min);
    else if (event.key === "End") set(max);
    else return;
    event.preventDefault();
  });
}

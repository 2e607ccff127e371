import { preferences, type SideTab } from "./preferences.js";

export interface SideTabsElements {
  /** The tab buttons (`role="tab"`), each with `data-tab` and `aria-controls` naming its panel. */
  tabs: HTMLButtonElement[];
  /** Shown only while the Input tab is (the stdin hint and the Interactive switch). */
  inputOnly: HTMLElement[];
  /** Shown only while the Tests tab is (its verdict and buttons). */
  testsOnly: HTMLElement[];
}

/**
 * The Input and Tests tabs above the output (the ARIA tabs pattern: the arrow keys, Home and End
 * move between tabs, Tab moves into the panel), remembering the one last shown.
 */
export function installSideTabs({ tabs, inputOnly, testsOnly }: SideTabsElements): void {
  const show = (chosen: SideTab, focus: boolean) => {
    for (const tab of tabs) {
      const selected = tab.dataset.tab === chosen;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
      const panel = document.getElementById(tab.getAttribute("aria-controls") ?? "");
      if (panel) panel.hidden = !selected;
      if (selected && focus) tab.focus();
    }
    for (const element of inputOnly) element.hidden = chosen !== "input";
    for (const element of testsOnly) element.hidden = chosen !== "tests";
    preferences.setSideTab(chosen);
  };
  const tabAt = (index: number) => tabs[(index + tabs.length) % tabs.length];
  for (const [index, tab] of tabs.entries()) {
    tab.addEventListener("click", () => show(tab.dataset.tab as SideTab, false));
    tab.addEventListener("keydown", (event) => {
      const next =
        event.key === "ArrowRight"
          ? tabAt(index + 1)
          : event.key === "ArrowLeft"
            ? tabAt(index - 1)
            : event.key === "Home"
              ? tabs[0]
              : event.key === "End"
                ? tabs.at(-1)
                : undefined;
      if (!next) return;
      event.preventDefault();
      show(next.dataset.tab as SideTab, true);
    });
  }
  show(preferences.sideTab(), false);
}

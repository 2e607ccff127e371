import { preferences } from "./preferences.js";
import { applyTheme, findTheme, THEMES, type ThemeInfo } from "./themes.js";

/**
 * Fills the theme selector, shows the current theme, and on a change applies the theme,
 * remembers it and tells `onChange` (the editor follows dark or light).
 */
export function installThemeSelect(
  select: HTMLSelectElement,
  current: string,
  onChange: (theme: ThemeInfo) => void,
): void {
  select.replaceChildren(
    ...THEMES.map((theme) => {
      const option = document.createElement("option");
      option.value = theme.id;
      option.textContent = theme.name;
      return option;
    }),
  );
  select.value = current;
  select.addEventListener("change", () => {
    const theme = findTheme(select.value);
    applyTheme(theme);
    preferences.setTheme(theme.id);
    onChange(theme);
  });
}

/**
 * The page's themes. Every colour lives in styles.css under `[data-theme="<id>"]` as CSS
 * variables, read by the page chrome and the editor alike, so the whole page follows the theme;
 * this list names them and says which are dark.
 */
export interface ThemeInfo {
  id: string;
  name: string;
  dark: boolean;
  /** The colour of the browser's own UI (`<meta name="theme-color">`). */
  chrome: string;
}

export const THEMES: readonly ThemeInfo[] = [
  { id: "dracula", name: "Dracula", dark: true, chrome: "#21222c" },
  { id: "one-dark", name: "One Dark", dark: true, chrome: "#21252b" },
  { id: "nord", name: "Nord", dark: true, chrome: "#2e3440" },
  { id: "github-light", name: "GitHub Light", dark: false, chrome: "#f6f8fa" },
  { id: "solarized-light", name: "Solarized Light", dark: false, chrome: "#eee8d5" },
];

/** Dracula, unless the visitor chose another. */
export const DEFAULT_THEME_ID = "dracula";

export function findTheme(id: string | null | undefined): ThemeInfo {
  return THEMES.find((theme) => theme.id === id) ?? (THEMES[0] as ThemeInfo);
}

/** Puts a theme on the document: its id on <html>, the colour scheme, the browser's UI colour. */
export function applyTheme(theme: ThemeInfo, doc: Document = document): void {
  const root = doc.documentElement;
  root.dataset.theme = theme.id;
  root.style.colorScheme = theme.dark ? "dark" : "light";
  doc.querySelector('meta[name="theme-color"]')?.setAttribute("content", theme.chrome);
}

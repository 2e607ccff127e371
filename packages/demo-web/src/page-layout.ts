import { byId } from "./dom.js";
import { installSplitter } from "./split-pane.js";

/** Makes the editor/side columns and the stdin/output rows resizable, remembering their shares. */
export function installPageLayout(): void {
  installSplitter({
    handle: byId("splitter-columns"),
    container: byId("workspace"),
    variable: "--editor-share",
    axis: "x",
    min: 20,
    max: 80,
    storageKey: "warmbox.playground.split.columns",
  });
  installSplitter({
    handle: byId("splitter-rows"),
    container: byId("side"),
    variable: "--stdin-share",
    axis: "y",
    min: 10,
    max: 80,
    storageKey: "warmbox.playground.split.rows",
  });
}

import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder of the @warmbox/engine package, found by walking up from this module (it runs
 * from src/ in tests and from dist/ when built), so `images/` is found either way.
 */
export function enginePackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string };
      if (name === "@warmbox/engine") return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error("cannot find the @warmbox/engine package folder");
    dir = parent;
  }
}

/** The folder holding every image recipe (one sub-folder each). */
export function imagesRoot(): string {
  return join(enginePackageRoot(), "images");
}

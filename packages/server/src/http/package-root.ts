import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE_NAME = "@warmbox/server";

/** The directory of this package (found from this file, whether run from src/ or dist/). */
export function packageRoot(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  while (true) {
    const manifest = join(directory, "package.json");
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).name === PACKAGE_NAME)
      return directory;
    const parent = dirname(directory);
    if (parent === directory)
      throw new Error(`cannot find the ${PACKAGE_NAME} package above ${import.meta.url}`);
    directory = parent;
  }
}

/** This package's version, for the OpenAPI document. */
export function packageVersion(): string {
  return JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")).version as string;
}

/** Where the playground's build lands in the monorepo: packages/demo-web/dist. */
export function defaultStaticDir(): string {
  return resolve(packageRoot(), "..", "demo-web", "dist");
}

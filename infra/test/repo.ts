import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root folder (this file is infra/test/repo.ts). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export function repoPath(...parts: string[]): string {
  return join(REPO_ROOT, ...parts);
}

export function readRepoFile(...parts: string[]): string {
  return readFileSync(repoPath(...parts), "utf8");
}

/** Every file below a folder, as paths relative to it. */
export function filesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory()
      ? filesBelow(path).map((child) => join(entry.name, child))
      : [entry.name];
  });
}

/** The server's default port, read from its config schema (DEFAULT_PORT). */
export function serverDefaultPort(): number {
  const source = readRepoFile("packages/server/src/config/config-schema.ts");
  const match = /export const DEFAULT_PORT = ([\d_]+);/.exec(source);
  if (!match?.[1]) throw new Error("DEFAULT_PORT not found in the server's config-schema.ts");
  return Number(match[1].replaceAll("_", ""));
}

/** The paths the server registers with `app.get("<path>"` in its routes. */
export function serverGetRoutes(): string[] {
  const dir = repoPath("packages/server/src/routes");
  return filesBelow(dir)
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
    .flatMap((file) => [
      ...readFileSync(join(dir, file), "utf8").matchAll(/\bapp\.get\(\s*"([^"]+)"/g),
    ])
    .map((match) => match[1] ?? "");
}

/** The runner image recipes of the engine (one folder each under packages/engine/images). */
export function runnerImageRecipes(): string[] {
  return readdirSync(repoPath("packages/engine/images"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== "runner-base")
    .map((entry) => entry.name)
    .sort();
}

/** Language id → the image recipe it runs in, read from the engine's language specs. */
export function engineLanguageImages(): Map<string, string> {
  const dir = repoPath("packages/engine/src/languages");
  const images = new Map<string, string>();
  for (const file of readdirSync(dir)) {
    if (!file.endsWith(".ts") || file.endsWith(".test.ts")) continue;
    const source = readFileSync(join(dir, file), "utf8");
    const id = /^\s+id: "([a-z0-9-]+)",$/m.exec(source)?.[1];
    const image = /^\s+image: "([a-z0-9-]+)",$/m.exec(source)?.[1];
    if (id && image) images.set(id, image);
  }
  return images;
}

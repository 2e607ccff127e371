import { readFile } from "node:fs/promises";
import { UsageError } from "./usage-error.js";

/** A file the user named, as UTF-8 text; one that can't be read is a UsageError naming it. */
export async function readTextFile(path: string): Promise<string> {
  return readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read '${path}': ${error.code ?? error.message}`);
  });
}

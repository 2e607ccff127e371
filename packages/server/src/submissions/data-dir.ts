import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { packageRoot } from "../http/package-root.js";

/** Name of the file in the data directory that keeps the generated callback secret. */
const CALLBACK_SECRET_FILE = "callback-secret";

/** `.warmbox/data` at the root of the repository (ignored by git). */
export function defaultDataDir(): string {
  return resolve(packageRoot(), "..", "..", ".warmbox", "data");
}

/** The data directory, created (owner only) when it does not exist yet. */
export function ensureDataDir(dataDir: string | undefined): string {
  const directory = resolve(dataDir ?? defaultDataDir());
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  return directory;
}

/**
 * The configured callback secret, or the one generated on a first start and kept in the data
 * directory (readable by the owner alone), so that receivers keep verifying across restarts.
 */
export function callbackSecret(configured: string | undefined, dataDir: string): string {
  if (configured !== undefined) return configured;
  const path = join(dataDir, CALLBACK_SECRET_FILE);
  try {
    // `wx`: two processes starting at once on one directory keep the first one's secret.
    writeFileSync(path, randomBytes(32).toString("hex"), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return readFileSync(path, "utf8").trim();
}

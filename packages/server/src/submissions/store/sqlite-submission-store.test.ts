import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { describeSubmissionStore } from "../../testing/submission-store-suite.js";
import { SqliteSubmissionStore } from "./sqlite-submission-store.js";

const root = mkdtempSync(join(tmpdir(), "warmbox-sqlite-store-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let databases = 0;
describeSubmissionStore("SQLite", async () => {
  // A data directory that does not exist yet: the store creates it and the file.
  const dataDir = join(root, `db-${++databases}`, "data");
  return async () => SqliteSubmissionStore.open(dataDir);
});

import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type RunningServer, startServer } from "@warmbox/server";
import { afterAll, beforeAll, expect, it } from "vitest";

let server: RunningServer;
const dataDir = mkdtempSync(join(tmpdir(), "warmbox-example-"));

beforeAll(async () => {
  server = await startServer({
    port: 0,
    host: "127.0.0.1",
    languages: ["python"],
    pool: { min: 1, max: 1 },
    logLevel: "silent",
    dataDir,
  });
});
afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it("the Judge0 client example runs against Warmbox by its base URL alone", async () => {
  const script = fileURLToPath(new URL("./judge0-client.mjs", import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [script], {
    env: { ...process.env, JUDGE0_URL: `${server.url}/judge0` },
    timeout: 60_000,
  });
  const lines = stdout.trim().split("\n");
  expect(lines[0]).toMatch(/^3 Accepted in \d+\.\d{3} s$/);
  expect(lines[1]).toBe("Hello, Judge0 client!");
});

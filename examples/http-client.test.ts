import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type RunningServer, startServer } from "@warmbox/server";
import { afterAll, beforeAll, expect, it } from "vitest";

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({
    port: 0,
    host: "127.0.0.1",
    languages: ["python"],
    pool: { min: 1, max: 1 },
    logLevel: "silent",
  });
});
afterAll(async () => {
  await server?.close();
});

it("the HTTP client example runs hello world through POST /v1/execute", async () => {
  const script = fileURLToPath(new URL("./http-client.mjs", import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [script], {
    env: { ...process.env, WARMBOX_URL: server.url },
    timeout: 60_000,
  });
  const lines = stdout.trim().split("\n");
  expect(lines[0]).toMatch(/^languages: python 3\.\d+\.\d+$/);
  expect(lines[1]).toMatch(/^python 3\.\d+\.\d+: ok in \d+ ms$/);
  expect(lines[2]).toBe("Hello, Warmbox!");
});

import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";

it("the library example runs three languages and prints their greetings", async () => {
  const script = fileURLToPath(new URL("./embed-engine.mjs", import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [script], { timeout: 120_000 });
  const lines = stdout.trim().split("\n");
  expect(lines).toHaveLength(3);
  expect(lines[0]).toMatch(/^python 3\.\d+\.\d+: ok in \d+ ms -> Hello, Warmbox!$/);
  expect(lines[1]).toMatch(/^javascript \d+\.\d+\.\d+: ok in \d+ ms -> Hello, Warmbox!$/);
  expect(lines[2]).toMatch(/^cpp \d+\.\d+\.\d+: ok in \d+ ms -> Hello, Warmbox!$/);
}, 150_000);

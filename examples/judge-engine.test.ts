import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";

it("the judge example prints each test's verdict and the overall one", async () => {
  const script = fileURLToPath(new URL("./judge-engine.mjs", import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [script], { timeout: 120_000 });
  expect(stdout.trim().split("\n")).toEqual([
    "small: accepted",
    "large: accepted",
    "wrong on purpose: wrong_answer (line 1: expected 5, got 4)",
    expect.stringMatching(/^wrong_answer: 2\/3 passed, compiled in \d+ ms$/),
  ]);
}, 150_000);

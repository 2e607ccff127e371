import { expect } from "vitest";
import type { TestEngine } from "../helpers/test-engine.js";
import { containersOf } from "../helpers/test-engine.js";
import { isolationTest } from "./isolation-test.js";

/**
 * A program whose compilation is slow, under a short wall-time limit and a long CPU one. The
 * supervisor enforces the wall time from the moment its child reports it started (the status
 * pipe's EOF, PROTOCOL.md "Running a stage"); a fresh start reports that at its exec, before the
 * interpreter reads the program. The Ruby template's clone compiles main.rb before it closes the
 * status pipe (images/ruby/template.rb, become_program): the supervisor, blocked on that pipe,
 * neither enforces the wall time nor takes a KILL meanwhile; only the clone's RLIMIT_CPU
 * backstop (the CPU limit + 1 s) ends it. Past the limit and the engine's 5 s of grace, the engine
 * abandons the sandbox and destroys its container: any program can make its sandbox be replaced.
 * The PHP template closes the status pipe before PHP compiles the script, as a fresh start does.
 *
 * The program: many distinct local variables, which both parsers look up one by one (quadratic
 * compile time, little memory).
 */
const test = isolationTest({ languages: ["ruby", "php"], pool: { min: 1, max: 1 } });

const LOCALS = 150_000;
const SOURCES = {
  ruby: Array.from({ length: LOCALS }, (_, i) => `v${i} = 1\n`).join(""),
  php: `<?php\n${Array.from({ length: LOCALS }, (_, i) => `$v${i} = 1;\n`).join("")}`,
};
const LIMITS = { timeMs: 500, cpuMs: 30_000 };

async function containerIds(engine: TestEngine): Promise<string[]> {
  return (await containersOf(engine.id)).map((container) => container.Id).sort();
}

/** Runs the slow compile; its sandbox must be the one the pool had before (not replaced). */
async function expectStoppedInTime(engine: TestEngine, language: "ruby" | "php") {
  const before = await containerIds(engine);
  const result = await engine.execute({ language, source: SOURCES[language], limits: LIMITS });
  expect(result.status, JSON.stringify(result).slice(0, 2_000)).toBe("timeout");
  expect(await containerIds(engine)).toEqual(before);
}

// A hole: the Ruby template's clone runs the compile unsupervised; the engine gives up on the
// supervisor after 5.5 s and replaces the container.
test.fails("ruby: a slow compile is stopped at the wall-time limit", async ({ engine }) => {
  await expectStoppedInTime(engine, "ruby");
});

test("php: a slow compile is stopped at the wall-time limit", async ({ engine, unharmed }) => {
  await expectStoppedInTime(engine, "php");
  await unharmed(["php"]);
});

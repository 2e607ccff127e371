import { expect } from "vitest";
import type { Engine } from "../../src/engine/engine-types.js";
import { isolationTest } from "../isolation/isolation-test.js";

/**
 * A program whose compilation writes more warnings than a pipe holds (64 KiB; these about 1.3
 * MB). The supervisor reads the program's output, enforces its wall time and takes a KILL only
 * once its child reported that it started (the status pipe's EOF, PROTOCOL.md "Running a
 * stage"); a fresh start reports that at its exec, before the interpreter reads the program, so
 * such a run ends at the output limit with the warnings it wrote. So must a run from a template:
 * its clone closes the status pipe before it compiles the program. (The Ruby template's clone
 * once compiled first: blocked on a full stderr pipe nobody read, the run hung until the engine
 * gave up on the supervisor, 5.5 s, and reported a timeout without output; a merely slow compile
 * ran unsupervised the same way, up to the clone's RLIMIT_CPU backstop.)
 */
const test = isolationTest({ languages: ["ruby", "php"], pool: { min: 1, max: 1 } });

const LINES = 20_000;
const SOURCES = {
  // "warning: found `= literal' in conditional, should be ==", about 65 bytes each
  ruby: "if (a = 1) then end\n".repeat(LINES),
  // "Warning: Unsupported declare 'flood'", a compile-time warning
  php: `<?php\n${"declare(flood=1);\n".repeat(LINES)}`,
};
const LIMITS = { timeMs: 500 };

/** Runs the flood: it must end at the output limit, its first warning delivered. */
async function expectOutputLimit(engine: Engine, language: "ruby" | "php", warning: string) {
  const result = await engine.execute({ language, source: SOURCES[language], limits: LIMITS });
  expect(result.status, JSON.stringify(result).slice(0, 2_000)).toBe("output_limit");
  expect(`${result.run?.stdout}${result.run?.stderr}`).toContain(warning);
}

test("ruby: compile warnings beyond a pipe's size don't hang the sandbox", async ({
  engine,
  unharmed,
}) => {
  await expectOutputLimit(engine, "ruby", "./main.rb:1: warning: found `= literal' in conditional");
  await unharmed(["ruby"]);
});

test("php: compile warnings beyond a pipe's size don't hang the sandbox", async ({
  engine,
  unharmed,
}) => {
  await expectOutputLimit(engine, "php", "Unsupported declare 'flood'");
  await unharmed(["php"]);
});

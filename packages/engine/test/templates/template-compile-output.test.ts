import { expect } from "vitest";
import type { Engine } from "../../src/engine/engine-types.js";
import { isolationTest } from "../isolation/isolation-test.js";

/**
 * A program whose compilation writes more warnings than a pipe holds (64 KiB; these about 1.3
 * MB). The supervisor reads the program's output, enforces its wall time and takes a KILL only
 * once its child reported that it started (the status pipe's EOF, PROTOCOL.md "Running a
 * stage"); a fresh start reports that at its exec, before the interpreter reads the program, so
 * such a run ends at the output limit with the warnings it wrote. The Ruby template's clone
 * compiles main.rb before it closes the status pipe (images/ruby/template.rb, become_program):
 * blocked on a full stderr pipe that nobody reads, it never closes it, and the supervisor,
 * blocked on that pipe, never reads stderr. The run hangs until the engine gives up on the
 * supervisor (the wall time and 5 s of grace) and reports a timeout without output. (A compile
 * that is merely slow runs unsupervised the same way, up to the clone's RLIMIT_CPU backstop: the
 * CPU limit + 1 s, whatever the wall-time limit.) The PHP template closes the status pipe before
 * PHP compiles the script, as a fresh start does.
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

// A hole: the Ruby run hangs until the engine gives up on its supervisor (5.5 s) and reports a
// timeout with no output; the engine then destroys the container.
test.fails("ruby: compile warnings beyond a pipe's size don't hang the sandbox", async ({
  engine,
}) => {
  await expectOutputLimit(engine, "ruby", "./main.rb:1: warning: found `= literal' in conditional");
});

test("php: compile warnings beyond a pipe's size don't hang the sandbox", async ({
  engine,
  unharmed,
}) => {
  await expectOutputLimit(engine, "php", "Unsupported declare 'flood'");
  await unharmed(["php"]);
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, ExecuteResult } from "../../src/index.js";
import { testEngine } from "../helpers/test-engine.js";
import { phpTemplatePrograms } from "./php-template-programs.js";
import type { TemplateProgram } from "./python-template-programs.js";

/**
 * The differential test of the PHP template (docs/templates.md): every program runs once
 * started by the template and once by a fresh `php main.php` (the engine with
 * `templates: false`), and everything it reports must be the same.
 */

/** What a program can show of itself. */
const seen = (result: ExecuteResult) => ({
  status: result.status,
  stdout: result.run?.stdout,
  stderr: result.run?.stderr,
  exitCode: result.run?.exitCode,
  signal: result.run?.signal,
});

describe("the PHP template", () => {
  const onePool = { languages: ["php"], pool: { min: 1, max: 1 } };
  let withTemplate: Engine;
  let fresh: Engine;

  beforeAll(async () => {
    withTemplate = testEngine(onePool);
    fresh = testEngine({ ...onePool, templates: false });
    await Promise.all([withTemplate.warmup(), fresh.warmup()]);
  });
  afterAll(() => Promise.all([withTemplate?.close(), fresh?.close()]));

  const run = (engine: Engine, program: TemplateProgram) =>
    engine.execute({ language: "php", ...program });

  it("starts the runs of the engine with templates on, and not those of the other", async () => {
    // with arguments and stdin, as the programs below have them
    const cmdline = {
      source: "<?php echo strtr(file_get_contents('/proc/self/cmdline'), \"\\0\", ' ');",
      args: ["a", "-b"],
      stdin: "in",
    };
    const [on, off] = [await run(withTemplate, cmdline), await run(fresh, cmdline)];
    expect(on.run?.stdout).toMatch(/^php \/usr\/local\/lib\/warmbox\/template (\d+ )?$/);
    expect(off.run?.stdout).toBe("php ./main.php a -b ");
  });

  it.each(Object.entries(phpTemplatePrograms))(
    "%s: the same as a fresh start",
    async (_, program) => {
      const fromTemplate = await run(withTemplate, program);
      const started = await run(fresh, program);
      expect(seen(fromTemplate)).toEqual(seen(started));
    },
  );

  // A fork keeps its parent's generators; the template never seeds one, so each run seeds its own.
  it("seeds mt_rand, rand, shuffle, lcg_value and random_bytes anew in every run", async () => {
    const program = {
      source:
        "<?php $a = range(1, 20); shuffle($a); echo mt_rand(), ' ', rand(), ' ', lcg_value(), ' ', bin2hex(random_bytes(8)), ' ', implode(',', $a), ' ', (new Random\\Randomizer())->getInt(0, PHP_INT_MAX), ' ', uniqid('', true);",
    };
    const outputs = new Set<string | undefined>();
    for (let i = 0; i < 3; i++) outputs.add((await run(withTemplate, program)).run?.stdout);
    expect(outputs.size).toBe(3);
    for (const output of outputs)
      expect(output).toMatch(/^\d+ \d+ 0\.\d+ [0-9a-f]{16} [\d,]+ \d+ \S+$/);
  });

  // Known and documented (docs/templates.md): a clone keeps the template's address layout (and
  // AT_RANDOM), where every fresh exec draws a new one.
  it("shares the template's address layout between its runs, unlike fresh starts", async () => {
    const layout = {
      source:
        "<?php foreach (file('/proc/self/maps') as $line) if (str_contains($line, '/php8')) { echo strtok($line, '-'); break; }",
    };
    const [a, b] = [await run(withTemplate, layout), await run(withTemplate, layout)];
    const [c, d] = [await run(fresh, layout), await run(fresh, layout)];
    expect(a.run?.stdout).toMatch(/^[0-9a-f]{8,}$/);
    expect(a.run?.stdout).toBe(b.run?.stdout);
    expect(c.run?.stdout).toMatch(/^[0-9a-f]{8,}$/);
    expect(c.run?.stdout).not.toBe(d.run?.stdout);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, ExecuteResult } from "../../src/index.js";
import { testEngine } from "../helpers/test-engine.js";
import { type TemplateProgram, templatePrograms } from "./python-template-programs.js";

/**
 * The differential test of the Python template (docs/templates.md): every program runs once
 * started by the template and once by a fresh `python3 -u main.py` (the engine with
 * `templates: false`), and everything it reports must be the same, for each Python version.
 */

/** What a program can show of itself. */
const seen = (result: ExecuteResult) => ({
  status: result.status,
  stdout: result.run?.stdout,
  stderr: result.run?.stderr,
  exitCode: result.run?.exitCode,
  signal: result.run?.signal,
});

/** Every Python version the template serves (images/python/template.py knows each one's layout). */
const VERSIONS = ["3.13", "3.11"];

describe.each(VERSIONS)("the Python %s template", (version) => {
  const onePool = { languages: [`python@${version}`], pool: { min: 1, max: 1 } };
  let withTemplate: Engine;
  let fresh: Engine;

  beforeAll(async () => {
    withTemplate = testEngine(onePool);
    fresh = testEngine({ ...onePool, templates: false });
    await Promise.all([withTemplate.warmup(), fresh.warmup()]);
  });
  afterAll(() => Promise.all([withTemplate?.close(), fresh?.close()]));

  const run = (engine: Engine, program: TemplateProgram) =>
    engine.execute({ language: "python", version, ...program });

  it("starts the runs of the engine with templates on, and not those of the other", async () => {
    const cmdline = {
      source: "print(open('/proc/self/cmdline','rb').read().split(b'\\0')[:3])",
    };
    const [on, off] = [await run(withTemplate, cmdline), await run(fresh, cmdline)];
    expect(on.run?.stdout).toBe(
      "[b'/usr/bin/python3', b'-u', b'/usr/local/lib/warmbox/template']\n",
    );
    expect(off.run?.stdout).toBe("[b'python3', b'-u', b'./main.py']\n");
  });

  it.each(Object.entries(templatePrograms))("%s: the same as a fresh start", async (_, program) => {
    const fromTemplate = await run(withTemplate, program);
    const started = await run(fresh, program);
    expect(seen(fromTemplate)).toEqual(seen(started));
  });

  it("seeds random anew in every run", async () => {
    const program = { source: "import random\nprint(random.random(), random.getrandbits(64))" };
    const first = await run(withTemplate, program);
    const second = await run(withTemplate, program);
    expect(first.run?.stdout).toMatch(/^0\.\d+ \d+\n$/);
    expect(first.run?.stdout).not.toBe(second.run?.stdout);
  });

  // The one known difference (docs/templates.md): the str hash secret is chosen when CPython
  // starts, so every run of one template shares it; a fresh start draws a new one each time.
  it("shares the template's hash secret between its runs, unlike fresh starts", async () => {
    const hashes = { source: "import sys\nprint(hash('warmbox'), sys.flags.hash_randomization)" };
    const [a, b] = [await run(withTemplate, hashes), await run(withTemplate, hashes)];
    const [c, d] = [await run(fresh, hashes), await run(fresh, hashes)];
    expect(a.run?.stdout).toMatch(/ 1\n$/);
    expect(a.run?.stdout).toBe(b.run?.stdout);
    expect(c.run?.stdout).not.toBe(d.run?.stdout);
  });
});

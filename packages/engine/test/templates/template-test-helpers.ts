import { afterAll, beforeAll, expect, it } from "vitest";
import type { Engine, ExecuteResult } from "../../src/index.js";
import { containersOf, type TestEngine, testEngine } from "../helpers/test-engine.js";
import { execAsRoot } from "../isolation/isolation-helpers.js";
import type { TemplateProgram } from "./python-template-programs.js";

/** What a program can show of itself: everything a differential test compares. */
function seen(result: ExecuteResult) {
  return {
    status: result.status,
    stdout: result.run?.stdout,
    stderr: result.run?.stderr,
    exitCode: result.run?.exitCode,
    signal: result.run?.signal,
  };
}

/**
 * The two sides of a language's differential test (docs/templates.md), for use inside a
 * `describe`: two engines of one sandbox each, alike but for `templates`, warmed before its tests
 * and closed after them. Each side runs a program of `language` (at `version`, if given).
 */
export function templatePair(language: string, version?: string) {
  const onePool = {
    languages: [version === undefined ? language : `${language}@${version}`],
    pool: { min: 1, max: 1 },
  };
  let withTemplate: Engine | undefined;
  let fresh: Engine | undefined;
  beforeAll(async () => {
    withTemplate = testEngine(onePool);
    fresh = testEngine({ ...onePool, templates: false });
    await Promise.all([withTemplate.warmup(), fresh.warmup()]);
  });
  afterAll(() => Promise.all([withTemplate?.close(), fresh?.close()]));

  const runOn = (engine: Engine | undefined, program: TemplateProgram) => {
    if (!engine) throw new Error("the engines of a template pair start in its beforeAll");
    return engine.execute({ language, ...(version !== undefined && { version }), ...program });
  };
  return {
    /** Runs `program` started by the template. */
    fromTemplate: (program: TemplateProgram) => runOn(withTemplate, program),
    /** Runs `program` as a fresh start of the interpreter (`templates: false`). */
    fromFresh: (program: TemplateProgram) => runOn(fresh, program),
    /** One test per program: all it shows is the same, started by the template or fresh. */
    eachSameAsFresh(programs: Record<string, TemplateProgram>) {
      it.each(Object.entries(programs))("%s: the same as a fresh start", async (_, program) => {
        const fromTemplate = await runOn(withTemplate, program);
        const started = await runOn(fresh, program);
        expect(seen(fromTemplate)).toEqual(seen(started));
      });
    },
  };
}

/** What the kernel answers a program that acts on its template's process, attempt by attempt. */
const TEMPLATE_PROCESS_REFUSALS = [
  "kill EPERM",
  "stop EPERM",
  "ptrace EPERM",
  "seize EPERM",
  "mem EACCES",
  "process_vm_readv EPERM",
  "fds EACCES",
  "socket EACCES",
  "environ EACCES",
  "nice EPERM",
  "affinity EPERM",
];

/**
 * The attack of a language's template isolation test: `attack` (a program of `language`)
 * prints "template <pid>", then one "<attempt> <errno name>" line for each attempt on its
 * template's process (in TEMPLATE_PROCESS_REFUSALS' order; the template is root's and the
 * program holds no capability), then one for each of `ownRefusals` (its files, what the
 * program tried to poison). `after`, the next run, must print the same template line first
 * (it starts from the same template) and then `afterReport`.
 */
export async function expectTemplateUnreachable(
  engine: Engine,
  language: string,
  programs: { attack: string; after: string },
  expected: { ownRefusals: string[]; afterReport: string },
): Promise<void> {
  const attack = await engine.execute({ language, source: programs.attack });
  expect(attack.status, JSON.stringify(attack)).toBe("ok");
  const lines = (attack.run?.stdout ?? "").trim().split("\n");
  const template = lines[0];
  expect(template).toMatch(/^template [1-9]\d*$/);
  expect(lines.slice(1)).toEqual([...TEMPLATE_PROCESS_REFUSALS, ...expected.ownRefusals]);
  const after = await engine.execute({ language, source: programs.after });
  expect(after.run?.stdout).toBe(`${template}\n${expected.afterReport}`);
  expect(after.run?.stderr).toBe("");
}

/** The template's pid in a run's report ("template <pid>"; a run forked and exec'd finds none). */
const TEMPLATE_LINE = /^template ([1-9]\d*)\n$/;

/**
 * Kills the template from outside (root, in its container) once `findTemplate` (a program of
 * `language` that prints "template <pid>") found it, waits until it is dead, and expects a later
 * run to start from a new one: the next, or one of the two after it (a run that reached the
 * supervisor before it saw the death is forked and exec'd instead).
 */
export async function expectKilledTemplateReplaced(
  engine: TestEngine,
  language: string,
  findTemplate: string,
): Promise<void> {
  const first = await engine.execute({ language, source: findTemplate });
  const pid = TEMPLATE_LINE.exec(first.run?.stdout ?? "")?.[1];
  expect(pid, first.run?.stdout).toBeDefined();
  const [container] = await containersOf(engine.id);
  if (!container) throw new Error("the engine has no container");
  await execAsRoot(container.Id, ["sh", "-c", `kill -9 ${pid}`]);
  // Dead: a zombie until the supervisor reaps it, or gone.
  const state = () =>
    execAsRoot(container.Id, [
      "sh",
      "-c",
      `cut -d' ' -f3 /proc/${pid}/stat 2>/dev/null || echo gone`,
    ]);
  await expect.poll(async () => (await state()).trim()).toMatch(/^(Z|gone)$/);
  let replacement: string | undefined;
  for (let run = 0; run < 3 && !replacement; run++) {
    const result = await engine.execute({ language, source: findTemplate });
    expect(result.status, JSON.stringify(result)).toBe("ok");
    replacement = TEMPLATE_LINE.exec(result.run?.stdout ?? "")?.[1];
  }
  expect(replacement).toBeDefined();
  expect(replacement).not.toBe(pid);
}

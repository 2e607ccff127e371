import { expect } from "vitest";
import type { Engine } from "../../src/index.js";
import { isolationTest } from "./isolation-test.js";

/**
 * What a fresh exec draws and a fork shares: the kernel's AT_RANDOM bytes (glibc's stack canary
 * and pointer guard come from them) and the address layout (ASLR). With the Python template every
 * run of one sandbox is a fork of one process, so both are the same in every run there: a run
 * learns the canary, pointer guard and addresses of the next run's interpreter. That weakens
 * exploit mitigations of a later program with a memory-safety bug, which a tenant cannot feed
 * input to; it is the price of the template, stated in docs/templates.md and SECURITY.md. This
 * pins both sides: shared with the template, drawn anew without it (`templates: false`).
 */
// Templates are runc's only (docs/templates.md): this side runs under runc in every lane.
const withTemplate = isolationTest({
  languages: ["python"],
  pool: { min: 1, max: 1 },
  runtime: "runc",
});
const withoutTemplate = isolationTest({
  languages: ["python"],
  pool: { min: 1, max: 1 },
  templates: false,
});

const EXEC_SECRETS = `import ctypes, struct
auxv = dict(struct.iter_unpack("QQ", open("/proc/self/auxv", "rb").read()))
print(ctypes.string_at(auxv[25], 16).hex())  # AT_RANDOM
print([line.split("-")[0] for line in open("/proc/self/maps") if "libc.so" in line][0])
`;

async function twoRuns(engine: Engine): Promise<[string[], string[]]> {
  const runs: string[][] = [];
  for (let i = 0; i < 2; i++) {
    const result = await engine.execute({ language: "python", source: EXEC_SECRETS });
    expect(result.status, JSON.stringify(result)).toBe("ok");
    runs.push((result.run?.stdout ?? "").trim().split("\n"));
  }
  return [runs[0] ?? [], runs[1] ?? []];
}

withTemplate(
  "runs of one templated sandbox share AT_RANDOM and the layout (documented)",
  async ({ engine, unharmed }) => {
    const [[firstRandom, firstLibc], [secondRandom, secondLibc]] = await twoRuns(engine);
    expect(secondRandom).toBe(firstRandom);
    expect(secondLibc).toBe(firstLibc);
    await unharmed(["python"]);
  },
);

withoutTemplate(
  "without the template each run draws its own AT_RANDOM and layout",
  async ({ engine, unharmed }) => {
    const [[firstRandom, firstLibc], [secondRandom, secondLibc]] = await twoRuns(engine);
    expect(secondRandom).not.toBe(firstRandom);
    expect(secondLibc).not.toBe(firstLibc);
    await unharmed(["python"]);
  },
);

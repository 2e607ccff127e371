import { expect } from "vitest";
import type { Engine } from "../../src/engine/engine-types.js";
import { testEngine } from "../helpers/test-engine.js";
import { programText } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * Another tenant's arguments must not reach a later run of the same sandbox. The Python template
 * (docs/templates.md) receives every run's request (argv, entry file name) and parses it into
 * Python objects in its own heap before it forks; the freed blocks keep the bytes, and each later
 * clone starts from a copy of that heap, which the program may read (/proc/self/mem). A fresh
 * start (templates off) is the control: it must find nothing, and so must the template.
 */
const SCAN = programText("heap-secret-scan.py");

// Arguments of several pymalloc size classes and one malloc-sized one: some of each survive.
const VICTIM_ARGS = [
  ...Array.from({ length: 40 }, (_, i) => `VICTIMSECRET-n${i}_${"y".repeat(i * 40)}`),
  `VICTIMSECRET-big_${"z".repeat(5000)}`,
];

const test = isolationTest({ languages: ["python"], pool: { min: 1, max: 1 } });

/** The scanner's outputs in the two runs after a victim's, on one sandbox of `engine`. */
async function afterVictim(engine: Engine): Promise<(string | undefined)[]> {
  const victim = await engine.execute({
    language: "python",
    files: [{ name: "victim_secret_name.py", content: "print('victim ran')" }],
    args: VICTIM_ARGS,
  });
  expect(victim.run?.stdout, JSON.stringify(victim)).toBe("victim ran\n");
  const found = [];
  for (let run = 0; run < 2; run++) {
    const attacker = await engine.execute({ language: "python", source: SCAN });
    expect(attacker.status, JSON.stringify(attacker)).toBe("ok");
    found.push(attacker.run?.stdout);
  }
  return found;
}

test("a run can't read the previous run's arguments or file name", async ({ engine, unharmed }) => {
  // The control: a fresh start finds nothing (so the scanner doesn't find its own request).
  const fresh = testEngine({ languages: ["python"], pool: { min: 1, max: 1 }, templates: false });
  try {
    expect(await afterVictim(fresh), "templates off").toEqual(["FOUND []\n", "FOUND []\n"]);
  } finally {
    await fresh.close();
  }
  expect(await afterVictim(engine), "templates on").toEqual(["FOUND []\n", "FOUND []\n"]);
  await unharmed(["python"]);
});

import { describe, expect } from "vitest";
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

for (const templates of [false, true]) {
  describe(`templates ${templates ? "on" : "off"}`, () => {
    const test = isolationTest({ languages: ["python"], pool: { min: 1, max: 1 }, templates });

    test("a run can't read the previous run's arguments or file name", async ({
      engine,
      unharmed,
    }) => {
      const victim = await engine.execute({
        language: "python",
        files: [{ name: "victim_secret_name.py", content: "print('victim ran')" }],
        args: VICTIM_ARGS,
      });
      expect(victim.run?.stdout, JSON.stringify(victim)).toBe("victim ran\n");
      for (let run = 0; run < 2; run++) {
        const attacker = await engine.execute({ language: "python", source: SCAN });
        expect(attacker.status, JSON.stringify(attacker)).toBe("ok");
        expect(attacker.run?.stdout).toBe("FOUND []\n");
      }
      await unharmed(["python"]);
    });
  });
}

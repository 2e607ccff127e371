import { expect } from "vitest";
import type { Engine } from "../../src/engine/engine-types.js";
import { testEngine } from "../helpers/test-engine.js";
import { programText } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * Another tenant's arguments must not reach a later run of the same sandbox. A template
 * (docs/templates.md) receives every run's request (argv, entry file name); the Python one once
 * parsed it into Python objects in its own heap before it forked, whose freed blocks kept the
 * bytes, and each later clone starts from a copy of that heap, which the program may read
 * (/proc/self/mem). A fresh start (templates off) is the control: it must find nothing, and so
 * must each template.
 */
const LANGUAGES = [
  { language: "python", scan: programText("heap-secret-scan.py"), victim: "victim_secret_name.py" },
  { language: "ruby", scan: programText("heap-secret-scan.rb"), victim: "victim_secret_name.rb" },
] as const;
const VICTIM_SOURCE = { python: "print('victim ran')", ruby: "puts 'victim ran'" };

// Arguments of several allocator size classes and one malloc-sized one: some of each survive.
const VICTIM_ARGS = [
  ...Array.from({ length: 40 }, (_, i) => `VICTIMSECRET-n${i}_${"y".repeat(i * 40)}`),
  `VICTIMSECRET-big_${"z".repeat(5000)}`,
];

const languages = LANGUAGES.map((l) => l.language);
const test = isolationTest({ languages, pool: { min: 1, max: 1 } });

/** The scanner's outputs in the two runs after a victim's, on one sandbox of `engine`. */
async function afterVictim(engine: Engine, { language, scan, victim }: (typeof LANGUAGES)[number]) {
  const ran = await engine.execute({
    language,
    files: [{ name: victim, content: VICTIM_SOURCE[language] }],
    args: VICTIM_ARGS,
  });
  expect(ran.run?.stdout, JSON.stringify(ran)).toBe("victim ran\n");
  const found = [];
  for (let run = 0; run < 2; run++) {
    const attacker = await engine.execute({ language, source: scan });
    expect(attacker.status, JSON.stringify(attacker)).toBe("ok");
    found.push(attacker.run?.stdout);
  }
  return found;
}

for (const subject of LANGUAGES) {
  test(`a ${subject.language} run can't read the previous run's arguments or file name`, async ({
    engine,
    unharmed,
  }) => {
    // The control: a fresh start finds nothing (so the scanner doesn't find its own request).
    const fresh = testEngine({ languages, pool: { min: 1, max: 1 }, templates: false });
    try {
      expect(await afterVictim(fresh, subject), "templates off").toEqual([
        "FOUND []\n",
        "FOUND []\n",
      ]);
    } finally {
      await fresh.close();
    }
    expect(await afterVictim(engine, subject), "templates on").toEqual([
      "FOUND []\n",
      "FOUND []\n",
    ]);
    await unharmed(languages);
  });
}

import { expect } from "vitest";
import type { Engine } from "../../src/engine/engine-types.js";
import { testEngine } from "../helpers/test-engine.js";
import { programText } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * Another tenant's arguments must not reach a later run of the same sandbox through the PHP
 * template (docs/templates.md): it receives every run's request into one C buffer, parses it
 * only in the clone and zeroes the buffer after cloning, so a later clone's copy of its memory
 * holds none of it (the program reads its own memory, /proc/self/mem). A fresh start (templates
 * off) is the control.
 */
const SCAN = programText("heap-secret-scan.php");

const VICTIM_ARGS = [
  ...Array.from({ length: 40 }, (_, i) => `VICTIMSECRET-n${i}_${"y".repeat(i * 40)}`),
  `VICTIMSECRET-big_${"z".repeat(5000)}`,
];

const test = isolationTest({ languages: ["php"], pool: { min: 1, max: 1 } });

/** The scanner's outputs in the two runs after a victim's, on one sandbox of `engine`. */
async function afterVictim(engine: Engine): Promise<(string | undefined)[]> {
  const victim = await engine.execute({
    language: "php",
    files: [{ name: "victim_secret_name.php", content: "<?php echo 'victim ran', PHP_EOL;" }],
    args: VICTIM_ARGS,
  });
  expect(victim.run?.stdout, JSON.stringify(victim)).toBe("victim ran\n");
  const found = [];
  for (let run = 0; run < 2; run++) {
    const attacker = await engine.execute({ language: "php", source: SCAN });
    expect(attacker.status, JSON.stringify(attacker)).toBe("ok");
    found.push(attacker.run?.stdout);
  }
  return found;
}

test("a run can't read the previous run's arguments or file name", async ({ engine, unharmed }) => {
  // The scanner finds what is there: its own arguments.
  const own = await engine.execute({ language: "php", source: SCAN, args: ["VICTIMSECRET-own"] });
  expect(own.run?.stdout, JSON.stringify(own)).toBe('FOUND ["VICTIMSECRET-own"]\n');
  const fresh = testEngine({ languages: ["php"], pool: { min: 1, max: 1 }, templates: false });
  try {
    expect(await afterVictim(fresh), "templates off").toEqual(["FOUND []\n", "FOUND []\n"]);
  } finally {
    await fresh.close();
  }
  expect(await afterVictim(engine), "templates on").toEqual(["FOUND []\n", "FOUND []\n"]);
  await unharmed(["php"]);
});

import { expect } from "vitest";
import { containerOf, programText, report } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * Between the tests of one judge: with one sandbox (pool max 1), test 2 runs in the container
 * test 1 used (proven by its hostname and its init's start time) and finds nothing of it: not
 * its files in /box and /tmp, not test 1's own test file, not its background process. And a
 * compiled program is each test's own copy: one test replacing it changes nothing for the next.
 */
const test = isolationTest({ languages: ["python", "c"], pool: { min: 1, max: 1 } });

test("a judge's test 2 sees no file and no process of test 1", async ({ engine, unharmed }) => {
  const result = await engine.judge({
    language: "python",
    files: [{ name: "main.py", content: programText("judge-plant-or-look.py") }],
    tests: [
      { stdin: "plant\n", files: [{ name: "test-1.txt", content: "only for test 1" }] },
      { stdin: "look\n", files: [{ name: "test-2.txt", content: "only for test 2" }] },
    ],
  });
  const describe = JSON.stringify(result);
  expect(
    result.tests.map((one) => one.verdict),
    describe,
  ).toEqual(["accepted", "accepted"]);
  const planter = report(result.tests[0]?.run?.stdout);
  const looker = report(result.tests[1]?.run?.stdout);
  expect(planter.planted, describe).toBe("yes");
  expect(planter.box).toBe("main.py,test-1.txt");
  expect(containerOf(looker)).toBe(containerOf(planter));
  expect(looker).toMatchObject({ box: "main.py,test-2.txt", tmp: "", processes: "" });
  await unharmed(["python"]);
});

test("a judge's test 1 that replaces the compiled program changes nothing for test 2", async ({
  engine,
}) => {
  const result = await engine.judge({
    language: "c",
    files: [{ name: "main.c", content: programText("judge-replace-build.c") }],
    tests: [
      { stdin: "replace\n", expected: "original\n" },
      { stdin: "run\n", expected: "original\n" },
      { stdin: "run\n", expected: "original\n" },
    ],
  });
  expect(result.verdict, JSON.stringify(result)).toBe("accepted");
});

import { afterAll, describe, expect, it } from "vitest";
import type { Compare, JudgeTest } from "../../src/judge/judge-request.js";
import { testEngine } from "../helpers/test-engine.js";

const engine = testEngine({ languages: ["python", "cpp"], pool: { min: 1, max: 2 } });
afterAll(() => engine.close());

/** Judges a Python program that prints its stdin back, as is: each test's stdin is its "output". */
async function verdictsOf(compare: Compare, tests: JudgeTest[], reveal = false) {
  const result = await engine.judge({
    language: "python",
    source: "import sys\nsys.stdout.write(sys.stdin.read())",
    compare,
    reveal,
    tests,
  });
  return result;
}

/** [actual output, expected] pairs as tests of the echo program. */
const pairs = (...cases: Array<[string, string]>): JudgeTest[] =>
  cases.map(([stdin, expected]) => ({ stdin, expected }));

describe("every compare mode, end to end", () => {
  it("lines (the default): trailing spaces and blank lines forgiven, nothing else", async () => {
    const result = await engine.judge({
      language: "python",
      source: "import sys\nsys.stdout.write(sys.stdin.read())",
      tests: pairs(["1 2  \n3\n\n\n", "1 2\n3"], ["1  2\n", "1 2\n"], [" 3\n", "3\n"]),
    });
    expect(result.tests.map((test) => test.verdict)).toEqual([
      "accepted",
      "wrong_answer",
      "wrong_answer",
    ]);
  });

  it("exact: byte for byte", async () => {
    const result = await verdictsOf(
      "exact",
      pairs(["42\n", "42\n"], ["42", "42\n"], ["42 \n", "42\n"]),
    );
    expect(result.tests.map((test) => test.verdict)).toEqual([
      "accepted",
      "wrong_answer",
      "wrong_answer",
    ]);
  });

  it("tokens: the whitespace-separated tokens only", async () => {
    const result = await verdictsOf("tokens", pairs(["1\n2   3", "1 2 3\n"], ["1 2", "1 2 3\n"]));
    expect(result.tests.map((test) => test.verdict)).toEqual(["accepted", "wrong_answer"]);
  });

  it("float: numbers within the tolerance, words exactly", async () => {
    const result = await verdictsOf(
      { float: { absolute: 1e-3 } },
      pairs(
        ["3.1416 area\n", "3.14159 area\n"],
        ["3.15 area\n", "3.14159 area\n"],
        ["3.1416 AREA\n", "3.14159 area\n"],
      ),
    );
    expect(result.tests.map((test) => test.verdict)).toEqual([
      "accepted",
      "wrong_answer",
      "wrong_answer",
    ]);
  });

  it("reveal: a failed test names its first differing line; accepted ones don't", async () => {
    const result = await verdictsOf(
      "lines",
      pairs(["a\nb\nc\n", "a\nb\nc\n"], ["a\nB\nc\n", "a\nb\nc\n"]),
      true,
    );
    expect(result.tests[0]?.diff).toBeUndefined();
    expect(result.tests[1]?.diff).toEqual({ line: 2, expected: "b", actual: "B" });
  });

  it("a Python checker judges a C++ solution: input, expected and actual as files and argv 1-3", async () => {
    // Accepts any order of the expected numbers, which no built-in mode could.
    const checker = [
      "import sys",
      "names = sys.argv[1:4]",
      "assert names == ['input', 'expected', 'actual'], names",
      "given, want, got = (open(name).read().split() for name in names)",
      "ok = sorted(want) == sorted(got)",
      'print(f\'{len(given)} numbers in, {"same" if ok else "other"} numbers out\')',
      "sys.exit(0 if ok else 1)",
    ].join("\n");
    const result = await engine.judge({
      language: "cpp",
      source: [
        "#include <algorithm>",
        "#include <iostream>",
        "#include <vector>",
        "int main() {",
        "  std::vector<int> v; int x;",
        "  while (std::cin >> x) v.push_back(x);",
        "  if (v.size() > 3) v.pop_back();",
        "  std::sort(v.rbegin(), v.rend());",
        "  for (int n : v) std::cout << n << ' ';",
        "}",
      ].join("\n"),
      compare: { checker: { language: "python", source: checker } },
      tests: [
        { stdin: "3 1 2", expected: "1 2 3" },
        { stdin: "4 3 1 2", expected: "1 2 3 4" },
      ],
      reveal: true,
    });
    expect(result.compile?.exitCode).toBe(0);
    expect(result.tests.map((test) => [test.verdict, test.checkerMessage])).toEqual([
      ["accepted", "3 numbers in, same numbers out"],
      ["wrong_answer", "4 numbers in, other numbers out"],
    ]);
    expect(result.verdict).toBe("wrong_answer");
  });

  it("a checker that does not compile: internal_error, no test judged", async () => {
    const result = await engine.judge({
      language: "python",
      source: "print(1)",
      compare: { checker: { language: "cpp", source: "int main() { return nope; }" } },
      tests: [{ expected: "1\n" }],
      reveal: true,
    });
    expect(result.verdict).toBe("internal_error");
    expect(result.message).toContain("the checker did not compile");
    expect(result.message).toContain("nope");
    expect(result.tests[0]?.verdict).toBe("skipped");
    // Without reveal the compiler's output, which quotes the checker's source, stays hidden.
    const hidden = await engine.judge({
      language: "python",
      source: "print(1)",
      compare: { checker: { language: "cpp", source: "int main() { return nope; }" } },
      tests: [{ expected: "1\n" }],
    });
    expect(hidden.verdict).toBe("internal_error");
    expect(hidden.message).toContain("the checker did not compile");
    expect(hidden.message).not.toContain("nope");
  });

  it("a test without expected output: only its run's status counts, even with a checker", async () => {
    const result = await verdictsOf(
      { checker: { language: "python", source: "raise SystemExit(1)" } },
      [{ stdin: "anything" }],
    );
    expect(result.verdict).toBe("accepted");
    expect(result.tests[0]?.checkerMessage).toBeUndefined();
  });
});

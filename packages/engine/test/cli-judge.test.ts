import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

// The built CLI, as users run it (`npm test` builds before testing).
const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

/** Runs `warmbox ...args` to its end: its exit status and what it printed. */
function warmbox(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], (error, stdout, stderr) =>
      resolve({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr }),
    );
  });
}

/** A fresh folder holding the given files. */
function folder(files: Record<string, string>): string {
  const directory = mkdtempSync(join(tmpdir(), "warmbox-judge-"));
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(directory, name), content);
  return directory;
}

// A contest archive's layout: NAME.in / NAME.out, plus an .ans and a file that is no test.
const sumTests = folder({
  "1.in": "1 2\n",
  "1.out": "3\n",
  "2.in": "40 2\n",
  "2.out": "42\n",
  "10.in": "-5 5\n",
  "10.ans": "0\n",
  "README.txt": "sums of two numbers",
});

const sumCpp = (expression: string) =>
  folder({
    "sum.cpp": `#include <cstdio>\nint main() { long a, b; std::scanf("%ld %ld", &a, &b); std::printf("%ld\\n", ${expression}); }\n`,
  });

describe("warmbox judge", () => {
  it("accepts a correct C++ solution: a row per test in natural order, exit 0", async () => {
    const solution = join(sumCpp("a + b"), "sum.cpp");
    const { code, stdout, stderr } = await warmbox(["judge", solution, "--tests", sumTests]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    const rows = stdout.split("\n").filter((line) => / accepted /.test(line));
    expect(rows.map((row) => row.split(/\s+/)[0])).toEqual(["1", "2", "10"]);
    for (const row of rows) expect(row).toMatch(/^\S+\s+accepted\s+\d+ ms\s+[\d.]+ MiB$/);
    expect(stdout).toMatch(
      /^verdict=accepted {2}passed=3\/3 {2}cpp \S+ {2}compile=\d+ms {2}max time=\d+ms max memory=[\d.]+ MiB$/m,
    );
  });

  it("shows progress as tests finish on a terminal, then clears it for the table", async () => {
    // util-linux's `script` gives the command a pseudo-terminal; is-interactive wants no CI.
    const { CI: _ci, ...env } = process.env;
    const solution = join(sumCpp("a + b"), "sum.cpp");
    const command = `stty rows 40 cols 120; '${process.execPath}' '${cli}' judge '${solution}' --tests '${sumTests}'`;
    const { stdout } = await promisify(execFile)("script", ["-qec", command, "/dev/null"], {
      env: { ...env, TERM: "xterm" },
    });
    expect(stdout).toContain("judging: 3/3 tests done, 3 accepted");
    // log-update erases the progress line before the report starts.
    expect(stdout).toContain("\u001b[2K\u001b[Gtest ");
    expect(stdout).toContain("verdict=accepted  passed=3/3");
  });

  it("exits 1 on a wrong answer, shows the difference only with --reveal", async () => {
    const solution = join(sumCpp("a + b + (a == 40)"), "sum.cpp");
    const hidden = await warmbox(["judge", solution, "--tests", sumTests]);
    expect(hidden.code).toBe(1);
    expect(hidden.stdout).toMatch(/^2\s+wrong_answer\s+\d+ ms/m);
    expect(hidden.stdout).toMatch(/^1\s+accepted/m);
    expect(hidden.stdout).toMatch(/^10\s+accepted/m);
    expect(hidden.stdout).toContain("verdict=wrong_answer  passed=2/3  first failure: 2");
    expect(hidden.stdout).not.toContain('"43"');

    const revealed = await warmbox(["judge", solution, "--tests", sumTests, "--reveal"]);
    expect(revealed.code).toBe(1);
    expect(revealed.stdout).toContain('2: line 1: expected "42", got "43"');
  });

  it("skips the tests after the first failure with --stop-on-first-failure", async () => {
    const solution = join(
      folder({ "fail.py": "import sys\nprint(int(input().split()[0]) + 1000)\n" }),
      "fail.py",
    );
    const { code, stdout } = await warmbox([
      "judge",
      solution,
      "--tests",
      sumTests,
      "--stop-on-first-failure",
      "--concurrency",
      "1",
    ]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^1\s+wrong_answer/m);
    expect(stdout).toMatch(/^2\s+skipped\s+-\s+-$/m);
    expect(stdout).toMatch(/^10\s+skipped\s+-\s+-$/m);
  });

  it("gives each test's run the limits of --time-ms", async () => {
    const solution = join(folder({ "slow.py": "while True: pass\n" }), "slow.py");
    const tests = folder({ "1.in": "", "1.out": "" });
    const { code, stdout } = await warmbox([
      "judge",
      solution,
      "--tests",
      tests,
      "--time-ms",
      "300",
    ]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^1\s+timeout\s+\d+ ms/m);
    expect(stdout).toMatch(/^1: .*300 ms/m);
  });

  it("compares with --compare: tokens and float tolerances", async () => {
    const third = folder({ "third.in": "1\n", "third.out": "0.3333\n" });
    const solution = join(folder({ "third.py": "print(1/3, ' ')\n" }), "third.py");
    const judge = (compare: string) =>
      warmbox(["judge", solution, "--tests", third, "--compare", compare]);
    expect((await judge("float:1e-3")).code).toBe(0);
    expect((await judge("float:1e-6")).code).toBe(1);
    expect((await judge("tokens")).code).toBe(1);
  });

  it("lets a checker in another language decide with --checker, its message shown with --reveal", async () => {
    // The expected outputs are placeholders: only the checker knows what is right.
    const tests = folder({ "a.in": "1 2\n", "a.out": "?\n", "b.in": "4 5\n", "b.out": "?\n" });
    const checker = join(
      folder({
        "check.py": [
          "import sys",
          "numbers = open(sys.argv[1]).read().split()",
          "got = open(sys.argv[3]).read().split()",
          "want = str(int(numbers[0]) + int(numbers[1]))",
          "print(f'want {want}, got {got[0]}')",
          "sys.exit(0 if got == [want] else 1)",
        ].join("\n"),
      }),
      "check.py",
    );
    const judge = (expression: string) =>
      warmbox([
        "judge",
        join(sumCpp(expression), "sum.cpp"),
        "--tests",
        tests,
        "--checker",
        checker,
        "--reveal",
      ]);
    const right = await judge("a + b");
    expect(right.code).toBe(0);
    expect(right.stdout).toContain("verdict=accepted  passed=2/2");
    const wrong = await judge("a * b");
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/^b\s+wrong_answer/m);
    expect(wrong.stdout).toContain("b: checker: want 9, got 20");
  });

  it("prints the compiler's errors and exits 1 on a compile error", async () => {
    const solution = join(folder({ "bad.cpp": "int main() { return nope; }\n" }), "bad.cpp");
    const { code, stdout, stderr } = await warmbox(["judge", solution, "--tests", sumTests]);
    expect(code).toBe(1);
    expect(stderr).toContain("nope");
    expect(stdout).toMatch(/^verdict=compile_error {2}passed=0\/3/m);
    expect(stdout).not.toMatch(/^test\s+verdict/m);
  });
});

describe("warmbox judge, called wrongly (exit 2, nothing runs)", () => {
  const solution = join(sumCpp("a + b"), "sum.cpp");

  it("names every unpaired file of the test folder", async () => {
    const tests = folder({ "1.in": "", "1.out": "", "2.in": "", "3.ans": "" });
    const { code, stdout, stderr } = await warmbox(["judge", solution, "--tests", tests]);
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr).toBe(
      `warmbox: ${tests}: 2 files without a pair:\n  2.in: no 2.out, 2.ans or 2.a\n  3.ans: no 3.in\n`,
    );
  });

  it.each([
    [["--tests", "/nonexistent"], "cannot read the test folder '/nonexistent': ENOENT"],
    [[], "required option '--tests <folder>' not specified"],
    [["--tests", sumTests, "--compare", "words"], "expected lines, exact, tokens or float"],
    [["--tests", sumTests, "--compare", "float:-1"], "must be a non-negative number, got '-1'"],
    [["--tests", sumTests, "--concurrency", "0"], "expected a positive integer"],
    [["--tests", sumTests, "--bogus"], "unknown option '--bogus'"],
    [
      ["--tests", sumTests, "--compare", "exact", "--checker", solution],
      "option '--checker <file>' cannot be used with option '--compare <mode>'",
    ],
    [["--tests", sumTests, "--language", "klingon"], "klingon"],
  ])("refuses %j, saying why", async (args, message) => {
    const { code, stderr } = await warmbox(["judge", solution, ...args]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it("names the test, not its index, when the engine refuses one", async () => {
    const tests = folder({
      "1.in": "",
      "1.out": "",
      "big.in": "",
      "big.out": "x".repeat(1_048_577),
    });
    const { code, stderr } = await warmbox(["judge", solution, "--tests", tests]);
    expect(code).toBe(2);
    expect(stderr).toContain("invalid request: test 'big'.expected: ");
  });

  it("refuses a solution it can't read or whose language it can't tell", async () => {
    const missing = await warmbox(["judge", "/nonexistent/sum.cpp", "--tests", sumTests]);
    expect(missing).toMatchObject({
      code: 2,
      stderr: "warmbox: cannot read '/nonexistent/sum.cpp': ENOENT\n",
    });
    const unknown = join(folder({ "notes.xyz": "" }), "notes.xyz");
    const guess = await warmbox(["judge", unknown, "--tests", sumTests]);
    expect(guess).toMatchObject({ code: 2 });
    expect(guess.stderr).toContain("cannot tell the language of");
  });
});

import { describe, expect, it } from "vitest";
import type { JudgeResult, JudgeTestResult } from "../judge/judge-result.js";
import type { StageResult } from "../request/execute-result.js";
import { judgeReport } from "./judge-report.js";

const stage = (wallMs: number, memoryBytes: number): StageResult => ({
  stdout: "",
  stderr: "",
  exitCode: 0,
  signal: null,
  wallMs,
  cpuMs: wallMs,
  memoryBytes,
  truncated: false,
});

const test = (index: number, fields: Partial<JudgeTestResult>): JudgeTestResult => ({
  index,
  name: String(index + 1),
  verdict: "accepted",
  run: stage(3, 1_572_864),
  ...fields,
});

const result = (fields: Partial<JudgeResult>): JudgeResult => ({
  language: "cpp",
  version: "12.2.0",
  verdict: "accepted",
  compile: stage(812, 50_331_648),
  tests: [],
  passed: 0,
  total: 0,
  maxWallMs: 3,
  maxMemoryBytes: 1_572_864,
  ...fields,
});

describe("judgeReport", () => {
  const failed = result({
    verdict: "wrong_answer",
    tests: [
      test(0, {}),
      test(1, {
        name: "big-10",
        verdict: "wrong_answer",
        run: stage(1250, 10_485_760),
        diff: { line: 2, expected: "42", actual: "41 " },
      }),
      test(2, { verdict: "timeout", message: "killed after 1000 ms" }),
      test(3, { verdict: "skipped", run: null }),
    ],
    passed: 1,
    total: 4,
    maxWallMs: 1250,
    maxMemoryBytes: 10_485_760,
  });

  it("tabulates every test, then the failures' messages and the summary", () => {
    expect(judgeReport(failed, { reveal: false })).toBe(
      [
        "test    verdict          time    memory",
        "1       accepted         3 ms   1.5 MiB",
        "big-10  wrong_answer  1250 ms  10.0 MiB",
        "3       timeout          3 ms   1.5 MiB",
        "4       skipped             -         -",
        "",
        "3: killed after 1000 ms",
        "",
        "(--reveal shows where each wrong answer differs from the expected output)",
        "",
        "verdict=wrong_answer  passed=1/4  first failure: big-10  cpp 12.2.0  compile=812ms  max time=1250ms max memory=10.0 MiB",
        "",
      ].join("\n"),
    );
  });

  it("shows the first difference of each wrong answer with reveal", () => {
    const report = judgeReport(failed, { reveal: true });
    expect(report).toContain('big-10: line 2: expected "42", got "41 "\n');
    expect(report).not.toContain("--reveal shows");
  });

  it("shows no table when no test ran (a compile error)", () => {
    const report = judgeReport(
      result({
        verdict: "compile_error",
        tests: [test(0, { verdict: "skipped", run: null })],
        total: 1,
        maxWallMs: 0,
        maxMemoryBytes: 0,
        message: "compilation failed",
      }),
      { reveal: false },
    );
    expect(report).toBe(
      "verdict=compile_error  passed=0/1  cpp 12.2.0  compile=812ms  max time=0ms max memory=0.0 MiB  compilation failed\n",
    );
  });
});

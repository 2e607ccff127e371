import type { ExecuteRequest, JudgeRequest, JudgeResult } from "@warmbox/engine";
import type { BatchResponse } from "../routes/batch-schema.js";

/**
 * The examples of the OpenAPI document, typed by the wire types (the document's test parses
 * them with the validating schemas too).
 */

const CPP_SUM = [
  "#include <iostream>",
  "int main() {",
  "  long long a, b;",
  "  std::cin >> a >> b;",
  '  std::cout << a + b << "\\n";',
  "}",
].join("\n");

/** A C++ solution judged on two tests, compared token by token. */
export const judgeRequestExample: JudgeRequest = {
  language: "cpp",
  source: CPP_SUM,
  tests: [
    { name: "small", stdin: "1 2\n", expected: "3\n" },
    { name: "large", stdin: "1000000000000 1000000000000\n", expected: "2000000000000\n" },
  ],
  compare: "tokens",
};

/** The same solution checked by a Python checker program instead of a built-in comparison. */
export const judgeCheckerExample: JudgeRequest = {
  language: "cpp",
  source: CPP_SUM,
  tests: [
    { stdin: "1 2\n", expected: "3\n" },
    { stdin: "-5 5\n", expected: "0\n" },
  ],
  compare: {
    checker: {
      language: "python",
      source: [
        "import sys",
        "expected = open(sys.argv[2]).read().split()",
        "actual = open(sys.argv[3]).read().split()",
        "print('ok' if expected == actual else f'expected {expected}, got {actual}')",
        "sys.exit(0 if expected == actual else 1)",
      ].join("\n"),
    },
  },
  reveal: true,
};

const stage = (stdout: string, wallMs: number) => ({
  stdout,
  stderr: "",
  exitCode: 0,
  signal: null,
  wallMs,
  cpuMs: wallMs,
  memoryBytes: 3_268_608,
  truncated: false,
});

/** What judging `judgeRequestExample` answers. */
export const judgeResultExample: JudgeResult = {
  language: "cpp",
  version: "12.2.0",
  verdict: "accepted",
  compile: { ...stage("", 1_210), memoryBytes: 78_299_136 },
  tests: [
    { index: 0, name: "small", verdict: "accepted", run: stage("3\n", 6) },
    { index: 1, name: "large", verdict: "accepted", run: stage("2000000000000\n", 5) },
  ],
  passed: 2,
  total: 2,
  maxWallMs: 6,
  maxMemoryBytes: 3_268_608,
};

/** A batch of three requests, the second one naming a language that does not exist. */
export const batchRequestExample: ExecuteRequest[] = [
  { language: "python", source: "print(6 * 7)" },
  { language: "klingon", source: "Qapla'" },
  { language: "javascript", source: "console.log([1, 2, 3].length)" },
];

/** What `batchRequestExample` answers: two results and, in the middle, the bad request's error. */
export const batchResponseExample: BatchResponse = {
  results: [
    {
      language: "python",
      version: "3.11.2",
      status: "ok",
      compile: null,
      run: stage("42\n", 11),
    },
    {
      index: 1,
      status: 400,
      error: {
        code: "unknown_language",
        message: "unknown language 'klingon'; available: cpp, javascript, python",
        details: { available: ["cpp", "javascript", "python"] },
        requestId: "7d3c9a1e-batch",
      },
    },
    {
      language: "javascript",
      version: "18.20.4",
      status: "ok",
      compile: null,
      run: stage("3\n", 24),
    },
  ],
};

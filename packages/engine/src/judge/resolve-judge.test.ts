import { expect, it } from "vitest";
import { resolveRequest } from "../engine/resolve-request.js";
import { LimitExceededError, UnknownLanguageError } from "../errors/engine-errors.js";
import { languageKey } from "../languages/language-spec.js";
import { languageRegistry } from "../languages/registry.js";
import type { ExecuteRequest } from "../request/execute-request.js";
import {
  DEFAULT_COMPILE_LIMITS,
  DEFAULT_MAX_LIMITS,
  DEFAULT_RUN_LIMITS,
} from "../request/limits.js";
import type { JudgeRequest } from "./judge-request.js";
import { resolveJudge } from "./resolve-judge.js";

const policy = {
  run: DEFAULT_RUN_LIMITS,
  compile: DEFAULT_COMPILE_LIMITS,
  max: DEFAULT_MAX_LIMITS,
};
// Keys of the served language versions (languageKey): every version of python and cpp.
const served = new Set(
  languageRegistry.all
    .filter((spec) => spec.id === "python" || spec.id === "cpp")
    .map((spec) => languageKey(spec)),
);
const resolve = (request: ExecuteRequest) =>
  resolveRequest(request, languageRegistry, served, () => undefined, policy);
const judge = (request: JudgeRequest) => resolveJudge(request, resolve);

it("fills the defaults: test names, stdin, the request's args, lines, no reveal", () => {
  const resolved = judge({
    language: "py",
    source: "print(1)",
    args: ["-v"],
    tests: [{ expected: "1\n" }, { name: "own", stdin: "x", args: [] }],
  });
  expect(resolved.program.spec.id).toBe("python");
  expect(resolved.tests).toEqual([
    { index: 0, name: "test 1", stdin: Buffer.from(""), args: ["-v"], files: [], expected: "1\n" },
    { index: 1, name: "own", stdin: Buffer.from("x"), args: [], files: [], expected: undefined },
  ]);
  expect(resolved).toMatchObject({
    comparison: { output: "lines" },
    stopOnFirstFailure: false,
    concurrency: undefined,
    reveal: false,
  });
});

it("decodes a test's base64 files", () => {
  const resolved = judge({
    language: "python",
    source: "",
    tests: [{ files: [{ name: "data.bin", content: "AAEC", encoding: "base64" }] }],
  });
  expect(resolved.tests[0]?.files).toEqual([{ name: "data.bin", content: Buffer.from([0, 1, 2]) }]);
});

it("resolves a checker as a program of its own, its errors named under compare.checker", () => {
  const checker = { language: "c++", source: "int main() {}" };
  const resolved = judge({ language: "python", source: "", compare: { checker }, tests: [{}] });
  expect("checker" in resolved.comparison && resolved.comparison.checker.spec.id).toBe("cpp");

  const unknown = () =>
    judge({
      language: "python",
      source: "",
      compare: { checker: { language: "go", source: "" } },
      tests: [{}],
    });
  expect(unknown).toThrow(UnknownLanguageError);
  expect(unknown).toThrow(
    /^compare\.checker\.language: unknown language 'go'; available: cpp, python$/,
  );
  const tooLong = () =>
    judge({
      language: "python",
      source: "",
      compare: { checker: { ...checker, limits: { timeMs: DEFAULT_MAX_LIMITS.timeMs + 1 } } },
      tests: [{}],
    });
  expect(tooLong).toThrow(LimitExceededError);
  expect(tooLong).toThrow(/^compare\.checker\.limits\.timeMs is/);
});

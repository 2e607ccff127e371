import { describe, expect, it } from "vitest";
import { EngineError } from "../errors/engine-errors.js";
import { languageRegistry } from "../languages/registry.js";
import type { ExecuteRequest } from "../request/execute-request.js";
import {
  DEFAULT_COMPILE_LIMITS,
  DEFAULT_MAX_LIMITS,
  DEFAULT_RUN_LIMITS,
} from "../request/limits.js";
import { resolveRequest } from "./resolve-request.js";
import { compileCommand, expandCommand, runCommand } from "./stage-commands.js";

// Keys of the served language versions (languageKey): one version of each.
const served = new Set(["python@3.11", "cpp@12", "java@17"]);
const policy = {
  run: DEFAULT_RUN_LIMITS,
  compile: DEFAULT_COMPILE_LIMITS,
  max: DEFAULT_MAX_LIMITS,
};
const resolve = (request: ExecuteRequest) =>
  resolveRequest(request, languageRegistry, served, () => "3.11.2", policy);

function codeOf(request: unknown): string | undefined {
  try {
    resolve(request as ExecuteRequest);
    return undefined;
  } catch (error) {
    return EngineError.isInstance(error) ? error.code : "not an engine error";
  }
}

describe("resolveRequest", () => {
  it("resolves an alias, the default file and the language's limits", () => {
    const job = resolve({ language: "PY", source: "print(1)" });
    expect(job.spec.id).toBe("python");
    expect(job.files).toEqual([{ name: "main.py", content: Buffer.from("print(1)") }]);
    expect(job.runLimits).toEqual(DEFAULT_RUN_LIMITS);
  });

  it("gives both stages of a job the run's network, and refuses a compile stage that asks for another", () => {
    const networkPolicy = { ...policy, max: { ...DEFAULT_MAX_LIMITS, network: true } };
    const resolveWithNetwork = (request: ExecuteRequest) =>
      resolveRequest(request, languageRegistry, served, () => "12", networkPolicy);
    const cpp = { language: "cpp", source: "int main(){}" };
    expect(resolveWithNetwork({ ...cpp, limits: { network: true } }).compileLimits.network).toBe(
      true,
    );
    expect(
      resolveWithNetwork({ ...cpp, compileLimits: { network: false } }).compileLimits.network,
    ).toBe(false);
    for (const [run, compile] of [
      [false, true],
      [true, false],
    ]) {
      expect(() =>
        resolveWithNetwork({
          ...cpp,
          limits: { network: run },
          compileLimits: { network: compile },
        }),
      ).toThrow(expect.objectContaining({ code: "invalid_request", details: expect.anything() }));
    }
    // An interpreted language has no compile stage: its compileLimits.network changes nothing.
    const python = resolveWithNetwork({
      language: "python",
      source: "",
      compileLimits: { network: true },
    });
    expect(python.runLimits.network).toBe(false);
    expect(python.compileLimits.network).toBe(false);
  });

  it("decodes base64 files", () => {
    const job = resolve({
      language: "python",
      files: [{ name: "a.py", content: "aGk=", encoding: "base64" }],
    });
    expect(job.files[0]?.content.toString()).toBe("hi");
  });

  it("rejects bad requests, with typed errors", () => {
    expect(codeOf({ language: "cobol-99", source: "" })).toBe("unknown_language");
    expect(codeOf({ language: "javascript", source: "" })).toBe("unknown_language"); // not served
    expect(codeOf({ language: "python", version: "2.7", source: "" })).toBe("unknown_language");
    expect(codeOf({ language: "python", files: [{ name: "../x", content: "" }] })).toBe(
      "invalid_request",
    );
    expect(codeOf({ language: "python", source: "", limits: { memoryMb: 4096 } })).toBe(
      "limit_exceeded",
    );
    expect(codeOf({ language: "python", source: "", limits: { network: true } })).toBe(
      "limit_exceeded",
    );
    expect(codeOf({ language: "python", source: "", compileLimits: { timeMs: 999_999 } })).toBe(
      "limit_exceeded",
    );
    expect(codeOf(null)).toBe("invalid_request");
    expect(codeOf({ language: "python", source: "", version: "3" })).toBeUndefined();
  });

  it("names the field and the maximum of a limit above it", () => {
    try {
      resolve({ language: "python", source: "", limits: { timeMs: 60_000 } });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toBe("limits.timeMs is 60000, above the maximum of 30000");
    }
  });

  it("expands {entry} and {sources} into whole, option-proof arguments", () => {
    const job = resolve({
      language: "cpp",
      files: [
        { name: "main.cpp", content: "" },
        { name: "util.h", content: "" },
        { name: "-o.cpp", content: "" },
      ],
    });
    expect(expandCommand(["g++", "{sources}", "-o", "main"], job)).toEqual([
      "g++",
      "./main.cpp",
      "./-o.cpp",
      "-o",
      "main",
    ]);
    const python = resolve({ language: "python", source: "", args: ["$(reboot)", "-rf"] });
    expect(runCommand(python).argv).toEqual(["python3", "-u", "./main.py", "$(reboot)", "-rf"]);
    expect(runCommand(python).env).not.toHaveProperty("WARMBOX_SECRET");
  });

  it("appends compiler options to the compile command as whole arguments, after the spec's own", () => {
    const cpp = resolve({ language: "cpp", source: "", compilerOptions: ["-O0", "-DX=$(id)"] });
    expect(compileCommand(cpp)?.argv.slice(-3)).toEqual(["-lm", "-O0", "-DX=$(id)"]);
    expect(runCommand(cpp).argv).toEqual(["./main"]);
    expect(compileCommand(resolve({ language: "cpp", source: "" }))?.argv.at(-1)).toBe("-lm");
  });

  it("refuses compiler options for a language without a compile stage, or holding a NUL", () => {
    expect(codeOf({ language: "python", source: "", compilerOptions: ["-O"] })).toBe(
      "invalid_request",
    );
    expect(codeOf({ language: "python", source: "", compilerOptions: [] })).toBeUndefined();
    expect(codeOf({ language: "cpp", source: "", compilerOptions: ["-D\0"] })).toBe(
      "invalid_request",
    );
  });

  it("asks for the template on the run stage of a language that has one, never on a compile", () => {
    expect(runCommand(resolve({ language: "python", source: "" })).template).toBe(true);
    const cpp = resolve({ language: "cpp", source: "" });
    expect(runCommand(cpp).template).toBe(false);
    expect(compileCommand(cpp)?.template).toBe(false);
  });
});

import { DEFAULT_MAX_LIMITS, DEFAULT_RUN_LIMITS } from "@warmbox/engine";
import { describe, expect, it } from "vitest";
import { Judge0Error } from "./judge0-errors.js";
import { judge0Settings } from "./judge0-settings.js";
import { parseJudge0Submission } from "./judge0-submission-request.js";

const settings = judge0Settings(
  { defaults: DEFAULT_RUN_LIMITS, max: DEFAULT_MAX_LIMITS },
  { maxTries: 3, timeoutSeconds: 10 },
  16 * 1_048_576,
  100,
);
/** The served languages: Python, C, C# and a multi-file program, with Judge0's names. */
const LANGUAGES: Record<number, { name: string; compiled: boolean }> = {
  71: { name: "Python (3.13.1)", compiled: false },
  50: { name: "C (GCC 14.2.0)", compiled: true },
  51: { name: "C# (Mono 6.12.0)", compiled: true },
  89: { name: "Multi-file program", compiled: false },
};
const parse = (body: unknown, base64 = false) =>
  parseJudge0Submission(body, { base64, settings, languageOf: (id) => LANGUAGES[id] });

/** The 422 body a bad submission gets. */
function errorsOf(body: unknown, base64 = false): unknown {
  try {
    parse(body, base64);
  } catch (error) {
    if (Judge0Error.isInstance(error) && error.statusCode === 422) return error.body;
    throw error;
  }
  throw new Error("the submission was accepted");
}

describe("parseJudge0Submission", () => {
  it("takes the two required fields and leaves every limit to the language", () => {
    const request = parse({ source_code: "print(1)", language_id: 71 });
    expect(Buffer.from(request.source_base64, "base64").toString()).toBe("print(1)");
    expect(request).toMatchObject({
      language_id: 71,
      stdin: null,
      cpu_time_limit: null,
      memory_limit: null,
      redirect_stderr_to_stdout: false,
      enable_network: false,
    });
  });

  it("reads numbers and booleans sent as strings, as Rails does", () => {
    const request = parse({
      source_code: "x",
      language_id: "71",
      cpu_time_limit: "2.5",
      memory_limit: "65536",
      redirect_stderr_to_stdout: "true",
    });
    expect(request).toMatchObject({
      language_id: 71,
      cpu_time_limit: 2.5,
      memory_limit: 65_536,
      redirect_stderr_to_stdout: true,
    });
  });

  it("answers Rails-style messages per field, every field at fault at once", () => {
    expect(errorsOf({})).toEqual({
      language_id: ["can't be blank"],
      source_code: ["can't be blank"],
    });
    expect(
      errorsOf({
        source_code: "x",
        language_id: 9_999,
        cpu_time_limit: 0,
        wall_time_limit: "soon",
        memory_limit: 1.5,
        number_of_runs: 2,
      }),
    ).toEqual({
      language_id: ["language with id 9999 doesn't exist"],
      cpu_time_limit: ["must be greater than 0"],
      wall_time_limit: ["is not a number"],
      memory_limit: ["must be an integer", "must be greater than or equal to 16384"],
      number_of_runs: ["must be less than or equal to 1"],
    });
  });

  it("reads numbers written as decimal text only (not hexadecimal, binary or Infinity)", () => {
    expect(parse({ source_code: "x", language_id: "71", cpu_time_limit: " 2.5 " })).toMatchObject({
      language_id: 71,
      cpu_time_limit: 2.5,
    });
    for (const text of ["0x47", "0b1000111", "0o107", "Infinity", "1_0"]) {
      expect(errorsOf({ source_code: "x", language_id: text }), text).toEqual({
        language_id: ["is not a number"],
      });
    }
  });

  it("bounds each limit by the server's maximum, in Judge0's units", () => {
    expect(errorsOf({ source_code: "x", language_id: 71, cpu_time_limit: 31 })).toEqual({
      cpu_time_limit: ["must be less than or equal to 30"],
    });
    expect(
      errorsOf({ source_code: "x", language_id: 71, memory_limit: 2_048 * 1_024 + 1 }),
    ).toEqual({ memory_limit: ["must be less than or equal to 2097152"] });
  });

  it("refuses what this server does not do, with Judge0's messages", () => {
    expect(
      errorsOf({
        source_code: "x",
        language_id: 71,
        enable_per_process_and_thread_time_limit: true,
        enable_network: true,
      }),
    ).toEqual({
      enable_per_process_and_thread_time_limit: ["this option cannot be enabled"],
      enable_network: ["enabling network is not allowed"],
    });
  });

  it("takes compiler_options for the allowed compiled languages only, with Judge0's messages", () => {
    expect(settings).toMatchObject({
      enable_compiler_options: true,
      allowed_languages_for_compile_options: ["C", "C++"],
    });
    const c = parse({ source_code: "x", language_id: 50, compiler_options: "-O0 -DX=1" });
    expect(c.compiler_options).toBe("-O0 -DX=1");
    expect(errorsOf({ source_code: "x", language_id: 71, compiler_options: "-O" })).toEqual({
      compiler_options: ["setting compiler options is only allowed for compiled languages"],
    });
    expect(errorsOf({ source_code: "x", language_id: 51, compiler_options: "-debug" })).toEqual({
      compiler_options: ["setting compiler options is only allowed for C and C++"],
    });
    expect(
      errorsOf({ source_code: "x", language_id: 50, compiler_options: "-O".repeat(257) }),
    ).toEqual({ compiler_options: ["is too long (maximum is 512 characters)"] });
  });

  it("decodes base64 fields when asked, and says which one is not base64", () => {
    const request = parse(
      {
        source_code: Buffer.from("print(input())").toString("base64"),
        language_id: 71,
        stdin: "aGkK",
        expected_output: "aGkK",
      },
      true,
    );
    expect(request.stdin).toBe("hi\n");
    expect(request.expected_output).toBe("hi\n");
    expect(errorsOf({ source_code: "not base64!", language_id: 71 }, true)).toEqual({
      source_code: ["is not valid base64"],
    });
  });

  it("lets a multi-file program come without source_code", () => {
    expect(
      parse({ language_id: 89, additional_files: "UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==" }),
    ).toMatchObject({ language_id: 89, source_base64: "" });
  });

  it("takes only http(s) callback URLs", () => {
    expect(
      errorsOf({ source_code: "x", language_id: 71, callback_url: "file:///etc/passwd" }),
    ).toEqual({ callback_url: ["is not a valid http or https URL"] });
  });
});

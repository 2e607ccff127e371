import type { ExecuteResult, LanguageInfo } from "@warmbox/engine";
import { describe, expect, it } from "vitest";
import { checkPistonRequest, toExecuteRequest, toPistonResponse } from "./piston-mapping.js";

const c: LanguageInfo = {
  id: "c",
  name: "C",
  version: "12.2.0",
  default: true,
  aliases: ["gcc"],
  runtime: "runc",
  compiled: true,
  defaultFile: "main.c",
  starter: "",
  highlight: null,
};

const stage = {
  stdout: "",
  stderr: "",
  exitCode: 0,
  signal: null,
  wallMs: 5,
  cpuMs: 3,
  memoryBytes: 1000,
  truncated: false,
};

describe("checkPistonRequest", () => {
  it("rejects with Piston's own messages, in Piston's order", () => {
    expect(() => checkPistonRequest({})).toThrow("language is required as a string");
    expect(() => checkPistonRequest({ language: "c" })).toThrow("version is required as a string");
    expect(() => checkPistonRequest({ language: "c", version: "*" })).toThrow(
      "files is required as an array",
    );
    expect(() => checkPistonRequest({ language: "c", version: "*", files: [{}] })).toThrow(
      "files[0].content is required as a string",
    );
    expect(() =>
      checkPistonRequest({ language: "c", version: "*", files: [], run_timeout: "1" }),
    ).toThrow("If specified, run_timeout must be a number");
    expect(() =>
      checkPistonRequest({ language: "c", version: "*", files: [], run_timeout: -5 }),
    ).toThrow("run_timeout must be non-negative");
  });

  it("takes -1 memory limits as the default, as piston-client sends them", () => {
    expect(() =>
      checkPistonRequest({
        language: "c",
        version: "*",
        files: [{ content: "" }],
        run_memory_limit: -1,
      }),
    ).not.toThrow();
  });
});

describe("toExecuteRequest", () => {
  it("names files, converts hex, adds Piston's trailing newline to stdin and maps limits", () => {
    const request = toExecuteRequest(
      {
        language: "gcc",
        version: "*",
        files: [
          { content: "int main(){}" },
          { content: "6869", encoding: "hex" },
          { name: "x.h", content: "" },
        ],
        stdin: "abc",
        args: ["1"],
        run_timeout: 3000,
        compile_timeout: 10000,
        run_memory_limit: 64 * 1_048_576,
        compile_memory_limit: -1,
      },
      c,
    );
    expect(request).toEqual({
      language: "c",
      version: "12.2.0",
      files: [
        { name: "main.c", content: "int main(){}", encoding: "utf8" },
        { name: "file1.c", content: Buffer.from("hi").toString("base64"), encoding: "base64" },
        { name: "x.h", content: "", encoding: "utf8" },
      ],
      stdin: "abc\n",
      args: ["1"],
      limits: { timeMs: 3000, memoryMb: 64 },
      compileLimits: { timeMs: 10000 },
    });
  });
});

describe("toPistonResponse", () => {
  it("maps a run to Piston's stage with interleaved output", () => {
    const result: ExecuteResult = {
      language: "python",
      version: "3.11.2",
      status: "runtime_error",
      compile: null,
      run: { ...stage, stdout: "a\n", stderr: "b\n", exitCode: 1 },
    };
    const response = toPistonResponse(result, "b\na\n");
    expect(response).toEqual({
      language: "python",
      version: "3.11.2",
      run: {
        stdout: "a\n",
        stderr: "b\n",
        output: "b\na\n",
        code: 1,
        signal: null,
        message: null,
        status: "RE",
        memory: 1000,
        cpu_time: 3,
        wall_time: 5,
      },
    });
    expect("compile" in response).toBe(false);
  });

  it("names the language as Piston does", () => {
    const response = toPistonResponse({
      language: "cpp",
      version: "12.2.0",
      status: "ok",
      compile: stage,
      run: stage,
    });
    expect(response.language).toBe("c++");
  });

  it("repeats a failed compile as the run, as Piston does", () => {
    const compile = { ...stage, stderr: "error: x", exitCode: 1 };
    const response = toPistonResponse({
      language: "c",
      version: "12.2.0",
      status: "compile_error",
      compile,
      run: null,
    });
    expect(response.compile).toMatchObject({ stderr: "error: x", code: 1, status: "RE" });
    expect(response.run).toEqual(response.compile);
  });

  it("marks a timeout TO with SIGKILL", () => {
    const response = toPistonResponse({
      language: "python",
      version: "3",
      status: "timeout",
      compile: null,
      run: { ...stage, exitCode: null, signal: "SIGKILL" },
      message: "wall-clock limit of 100 ms exceeded",
    });
    expect(response.run).toMatchObject({
      status: "TO",
      signal: "SIGKILL",
      message: "wall-clock limit of 100 ms exceeded",
    });
  });
});

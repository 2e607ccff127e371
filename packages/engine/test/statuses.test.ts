import { afterAll, describe, expect, it } from "vitest";
import { testEngine } from "./helpers/test-engine.js";

const engine = testEngine({
  languages: ["python", "c", "cpp", "javascript"],
  pool: { min: 1, max: 2 },
});
afterAll(() => engine.close());

describe("every status of docs/api.md, produced for real", () => {
  it("compile_error: the compiler's message, no run", async () => {
    const result = await engine.execute({
      language: "c",
      source: "int main(void) { return undefined_name; }",
    });
    expect(result.status).toBe("compile_error");
    expect(result.run).toBeNull();
    expect(result.compile?.exitCode).not.toBe(0);
    expect(result.compile?.stderr).toContain("undefined_name");
  });

  /** Programs that end in a runtime_error, and what their run reports. */
  const RUNTIME_ERRORS = [
    {
      what: "a non-zero exit code",
      language: "python",
      source: "import sys\nprint('bye')\nsys.exit(3)",
      run: { exitCode: 3, signal: null, stdout: "bye\n" },
    },
    {
      what: "an uncaught exception, its traceback on stderr",
      language: "python",
      source: "raise ValueError('boom')",
      run: { exitCode: 1, stderr: expect.stringContaining("ValueError: boom") },
    },
    {
      what: "SIGSEGV",
      language: "c",
      source: "int main(void) { volatile int *p = 0; *p = 1; return 0; }",
      run: { signal: "SIGSEGV", exitCode: null },
    },
    {
      what: "SIGABRT (never its alias SIGIOT) for an uncaught C++ exception",
      language: "cpp",
      source: '#include <stdexcept>\nint main() { throw std::runtime_error("boom"); }',
      run: { signal: "SIGABRT", stderr: expect.stringContaining("boom") },
    },
    {
      what: "SIGFPE for an integer division by zero",
      language: "c",
      source: "int main(void) { volatile int seven = 7, zero = 0; return seven / zero; }",
      run: { signal: "SIGFPE" },
    },
    {
      what: "SIGKILL for a program that kills itself",
      language: "python",
      source: "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)",
      run: { signal: "SIGKILL" },
    },
  ];

  for (const { what, language, source, run } of RUNTIME_ERRORS) {
    it(`runtime_error: ${what}`, async () => {
      const result = await engine.execute({ language, source });
      expect(result.status).toBe("runtime_error");
      expect(result.run).toMatchObject(run);
    });
  }

  it("timeout: an infinite loop hits the wall-clock limit", async () => {
    const result = await engine.execute({
      language: "python",
      source: "while True: pass",
      limits: { timeMs: 700 },
    });
    expect(result.status).toBe("timeout");
    expect(result.run?.wallMs).toBeGreaterThanOrEqual(650);
    expect(result.run?.wallMs).toBeLessThan(5_000);
    expect(result.message).toMatch(/time limit|CPU-time/);
  });

  it("timeout: sleeping forever hits the wall-clock limit without using CPU", async () => {
    const result = await engine.execute({
      language: "python",
      source: "import time\ntime.sleep(3600)",
      limits: { timeMs: 500 },
    });
    expect(result.status).toBe("timeout");
    expect(result.run?.cpuMs).toBeLessThan(400);
  });

  it("timeout: the CPU-time limit counts every thread", async () => {
    const result = await engine.execute({
      language: "c",
      source: [
        "#include <pthread.h>",
        "static void *spin(void *a) { for (;;) {} return a; }",
        "int main(void) { pthread_t t[4]; for (int i = 0; i < 4; i++) pthread_create(&t[i], 0, spin, 0); spin(0); }",
      ].join("\n"),
      limits: { cpuMs: 600, timeMs: 10_000, cpus: 2 },
      compileLimits: { cpus: 2 },
    });
    expect(result.status).toBe("timeout");
    expect(result.run?.cpuMs).toBeGreaterThanOrEqual(600);
    expect(result.run?.wallMs).toBeLessThan(9_000);
  });

  it("memory_limit: allocating beyond the limit", async () => {
    const result = await engine.execute({
      language: "python",
      source: "chunks = []\nwhile True:\n    chunks.append(bytearray(8 * 1024 * 1024))\n",
      limits: { memoryMb: 64 },
    });
    expect(result.status).toBe("memory_limit");
    expect(result.message).toContain("64 MiB");
  });

  it("memory_limit: a C++ program touching more than its limit", async () => {
    const result = await engine.execute({
      language: "cpp",
      source:
        "#include <vector>\nint main(){ std::vector<char> v(200u << 20, 1); return v[12345]; }",
      limits: { memoryMb: 96 },
    });
    expect(result.status).toBe("memory_limit");
  });

  it("output_limit: printing forever is stopped, output truncated at the cap", async () => {
    const result = await engine.execute({
      language: "python",
      source: "while True:\n    print('y' * 100)\n",
      limits: { outputBytes: 10_000 },
    });
    expect(result.status).toBe("output_limit");
    expect(result.run?.truncated).toBe(true);
    expect(Buffer.byteLength(result.run?.stdout ?? "")).toBe(10_000);
  });

  it("the output cap holds for stderr and under a flood from many processes", async () => {
    const result = await engine.execute({
      language: "c",
      source: [
        "#include <unistd.h>",
        "#include <string.h>",
        "int main(void) { char b[65536]; memset(b, 'x', sizeof b);",
        "  for (int i = 0; i < 3; i++) fork();",
        "  for (;;) { write(1, b, sizeof b); write(2, b, sizeof b); } }",
      ].join("\n"),
      limits: { outputBytes: 100_000 },
    });
    expect(result.status).toBe("output_limit");
    expect(Buffer.byteLength(result.run?.stdout ?? "")).toBeLessThanOrEqual(100_000);
    expect(Buffer.byteLength(result.run?.stderr ?? "")).toBeLessThanOrEqual(100_000);
  });

  it("ok after all that: the pool still serves", async () => {
    const result = await engine.execute({ language: "javascript", source: "console.log(6 * 7)" });
    expect(result.status).toBe("ok");
    expect(result.run?.stdout).toBe("42\n");
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { LABEL_LANGUAGE } from "../src/engine/container-labels.js";
import { containersOf, testEngine } from "./helpers/test-engine.js";
import { programText } from "./isolation/isolation-helpers.js";

/**
 * The numbers the engine takes from the kernel's cgroup counters, checked against what the
 * program measures of itself. The cgroup v2 lane re-runs this file on a cgroup v2 host, where
 * the counters come from other files (runner-base/supervisor/cgroup.c names them).
 */
const engine = testEngine({ languages: ["c", "python"], pool: { min: 1, max: 1 } });
afterAll(() => engine.close());

describe("what the cgroup counters report", () => {
  it("CPU time counts every thread, as the program's own clock does", async () => {
    // Two threads spin until the process has used 0.8 s of CPU, then it prints its own count.
    const result = await engine.execute({
      language: "c",
      source: [
        "#include <pthread.h>",
        "#include <stdio.h>",
        "#include <time.h>",
        "static long cpu_ms(void) { struct timespec t; clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t); return t.tv_sec * 1000 + t.tv_nsec / 1000000; }",
        "static void *spin(void *a) { while (cpu_ms() < 800) {} return a; }",
        'int main(void) { pthread_t t; pthread_create(&t, 0, spin, 0); spin(0); pthread_join(t, 0); printf("%ld\\n", cpu_ms()); }',
      ].join("\n"),
      // Generous wall time: other work on the machine may leave it little CPU.
      limits: { cpuMs: 10_000, timeMs: 30_000, cpus: 2 },
    });
    expect(result.status, JSON.stringify(result)).toBe("ok");
    const own = Number(result.run?.stdout.trim());
    expect(own).toBeGreaterThanOrEqual(800);
    // The cgroup also counts the exec and the C runtime's start: a little more, never less.
    expect(result.run?.cpuMs).toBeGreaterThanOrEqual(own - 20);
    expect(result.run?.cpuMs).toBeLessThanOrEqual(own * 1.1 + 100);
  });

  it("peak memory is the memory the program touched", async () => {
    const mib = 1_048_576;
    const result = await engine.execute({
      language: "c",
      source: [
        "#include <stdlib.h>",
        // volatile: the compiler may not drop the writes.
        "int main(void) { volatile char *p = malloc(64 << 20); for (long i = 0; i < (64 << 20); i += 4096) p[i] = 1; return p[4096] - 1; }",
      ].join("\n"),
      limits: { memoryMb: 256 },
    });
    expect(result.status, JSON.stringify(result)).toBe("ok");
    expect(result.run?.memoryBytes).toBeGreaterThanOrEqual(64 * mib);
    expect(result.run?.memoryBytes).toBeLessThanOrEqual(72 * mib);
  });

  it("the pids limit: a program gets exactly `processes` tasks, itself included", async () => {
    // Forks children that wait, until fork() is refused; prints how many it got.
    const result = await engine.execute({
      language: "c",
      source: [
        "#include <stdio.h>",
        "#include <unistd.h>",
        "int main(void) { int n = 0; for (;;) { pid_t p = fork(); if (p < 0) break; if (p == 0) { pause(); } n++; }",
        '  printf("%d\\n", n); return 0; }',
      ].join("\n"),
      limits: { processes: 16, timeMs: 20_000 },
    });
    expect(result.status, JSON.stringify(result)).toBe("ok");
    expect(result.run?.stdout).toBe("15\n");
    const after = await engine.execute({ language: "c", source: "int main(void) { return 0; }" });
    expect(after.status).toBe("ok");
  });

  it("memory_limit by the OOM killer, whichever process it takes: the pool serves on from live sandboxes", async () => {
    // The program lowers its oom_score_adj as far as it may, so the OOM killer may take the
    // supervisor (the container then dies and is replaced) instead of the program.
    const result = await engine.execute({
      language: "python",
      source: programText("oom-hide-then-bomb.py"),
      limits: { memoryMb: 64 },
    });
    expect(result.status, JSON.stringify(result)).toBe("memory_limit");
    const next = await engine.execute({ language: "python", source: "print(6 * 7)" });
    expect(next.run?.stdout).toBe("42\n");
    const python = (await containersOf(engine.id)).filter(
      (container) => container.Labels[LABEL_LANGUAGE] === "python",
    );
    expect(python.map((container) => container.State)).toEqual(["running"]);
  });
});

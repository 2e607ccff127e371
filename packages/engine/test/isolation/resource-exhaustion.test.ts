import { describe, expect } from "vitest";
import { UNDER_GVISOR } from "../helpers/test-engine.js";
import { attack, attackWith, hostEscapees, report } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * Resource exhaustion: every program here tries to take the sandbox, the engine or the host
 * down. Each gets its exact status, and afterwards nothing of it is left and the engine serves.
 */
const test = isolationTest({
  languages: ["python", "c", "cpp", "javascript", "java"],
  pool: { min: 1, max: 2 },
  maxLimits: { outputBytes: 16 * 1_048_576 },
  // The compiles are not what this file attacks: under gVisor on a loaded machine g++ and javac
  // took more than the default 15 s.
  defaultCompileLimits: { timeMs: 30_000, cpuMs: 30_000 },
});

test.afterEach(({ hostBaseline }) => {
  expect(hostEscapees(hostBaseline)).toEqual([]);
});

const MIB = 1_048_576;

describe("process and thread bombs", () => {
  test("C fork bomb: timeout, contained by the pids limit", async ({ engine, unharmed }) => {
    const result = await attack(engine, {
      language: "c",
      source: "#include <unistd.h>\nint main(void) { for (;;) fork(); }",
      limits: { timeMs: 1_500 },
    });
    expect(result.status, result.describe).toBe("timeout");
    expect(result.run?.signal).toBe("SIGKILL");
    expect(result.run?.wallMs).toBeLessThan(4_000);
    await unharmed(["c"]);
  });

  test("Python fork bomb that survives failed forks: timeout", async ({ engine, unharmed }) => {
    const result = await attack(engine, {
      language: "python",
      source:
        "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n",
      limits: { timeMs: 1_500 },
    });
    // Under gVisor the forks are bounded by RLIMIT_NPROC, and gVisor's memory accounting of
    // many forked CPythons (3.13) can reach the sandbox's memory limit before that: the bomb
    // then ends the whole sandbox as memory_limit. Either way it is bounded and nothing is harmed.
    const bounded = UNDER_GVISOR ? ["timeout", "memory_limit"] : ["timeout"];
    expect(bounded, result.describe).toContain(result.status);
    await unharmed(["python"]);
  });

  test("C thread bomb: threads stop at the processes limit, the sleeper times out", async ({
    engine,
    unharmed,
  }) => {
    const result = await attackWith(engine, "thread-bomb.c", {
      limits: { timeMs: 1_500, processes: 32 },
    });
    expect(result.status, result.describe).toBe("timeout");
    const threads = Number(report(result.run?.stdout).threads);
    expect(threads).toBeGreaterThan(10);
    expect(threads).toBeLessThanOrEqual(32);
    await unharmed(["c"]);
  });

  test("Java thread bomb: the JVM is refused threads, catches it, and exits with its own code", async ({
    engine,
    unharmed,
  }) => {
    const result = await attackWith(engine, "thread-bomb.java", {
      limits: { timeMs: 5_000 },
    });
    expect(result.status, result.describe).toBe("runtime_error");
    expect(result.run?.exitCode).toBe(3);
    expect(report(result.run?.stdout).refused).toBe("OutOfMemoryError");
    expect(Number(report(result.run?.stdout).threads)).toBeLessThan(128);
    await unharmed(["java"]);
  });
});

describe("memory bombs", () => {
  test("C, fast growth (malloc + touch): memory_limit", async ({ engine, unharmed }) => {
    const result = await attack(engine, {
      language: "c",
      source: [
        "#include <stdlib.h>",
        "#include <string.h>",
        "int main(void) { for (;;) { char *p = malloc(1 << 20); if (p) memset(p, 1, 1 << 20); } }",
      ].join("\n"),
      limits: { memoryMb: 64, timeMs: 5_000 },
    });
    expect(result.status, result.describe).toBe("memory_limit");
    // Under gVisor the host's OOM killer ends the whole sandbox (the Sentry holds the program's
    // memory): no stage result comes back, only the status.
    if (UNDER_GVISOR) expect(result.run, result.describe).toBeNull();
    else expect(result.run?.signal).toBe("SIGKILL");
    await unharmed(["c"]);
  });

  test("JavaScript, fast growth off the V8 heap (Buffers): memory_limit", async ({
    engine,
    unharmed,
  }) => {
    const result = await attack(engine, {
      language: "javascript",
      source: "const keep = [];\nfor (;;) keep.push(Buffer.alloc(8 << 20, 1));\n",
      // Near its limit the cgroup may reclaim node's own pages for seconds before the OOM
      // killer acts, and that reclaim is CPU time (Node 20 spent 5 s of it once): the wall and
      // CPU limits leave room for it, so only the kernel's verdict counts.
      limits: { memoryMb: 96, timeMs: 20_000, cpuMs: 20_000 },
    });
    expect(result.status, result.describe).toBe("memory_limit");
    await unharmed(["javascript"]);
  });

  test("Python, slow growth (256 KiB every 5 ms): memory_limit, not a timeout", async ({
    engine,
    unharmed,
  }) => {
    const result = await attack(engine, {
      language: "python",
      source:
        "import time\nkeep = []\nwhile True:\n    keep.append(bytearray(256 * 1024))\n    time.sleep(0.005)\n",
      limits: { memoryMb: 48, timeMs: 8_000 },
    });
    expect(result.status, result.describe).toBe("memory_limit");
    // Under gVisor the OOM killer ends the whole sandbox: no stage result, only the status.
    if (UNDER_GVISOR) expect(result.run, result.describe).toBeNull();
    else expect(result.run?.wallMs).toBeGreaterThan(300);
    await unharmed(["python"]);
  });
});

describe("CPU", () => {
  test("C++ spinning in 8 threads: timeout on the CPU-time limit, long before the wall limit", async ({
    engine,
    unharmed,
  }) => {
    const result = await attack(engine, {
      language: "cpp",
      source: [
        "#include <thread>",
        "#include <vector>",
        "int main() { std::vector<std::thread> t;",
        "  for (int i = 0; i < 8; i++) t.emplace_back([] { volatile unsigned long x = 0; for (;;) x++; });",
        "  for (auto &th : t) th.join(); }",
      ].join("\n"),
      limits: { cpuMs: 800, timeMs: 8_000, cpus: 2 },
      compileLimits: { cpus: 2 },
    });
    expect(result.status, result.describe).toBe("timeout");
    expect(result.run?.cpuMs).toBeGreaterThanOrEqual(800);
    // Under gVisor the host's cgroup counts the Sentry, not the program: the CPU limit is
    // RLIMIT_CPU per process (docs/runtimes.md), so this run may reach its wall limit first.
    if (!UNDER_GVISOR) {
      expect(result.message).toContain("CPU-time limit of 800 ms");
      expect(result.run?.wallMs).toBeLessThan(6_000);
    }
    await unharmed(["cpp"]);
  });
});

describe("disks and files", () => {
  test("Python filling every writable path: each refuses at its size, the run ends ok", async ({
    engine,
    unharmed,
  }) => {
    const result = await attackWith(engine, "fill-writable-paths.py", {
      limits: { memoryMb: 256, timeMs: 10_000 },
    });
    expect(result.status, result.describe).toBe("ok");
    const filled = report(result.run?.stdout);
    expect(filled["/box"]).toMatch(/^ENOSPC:6[34]$/);
    expect(filled["/tmp"]).toMatch(/^ENOSPC:6[34]$/);
    expect(filled["/dev/shm"]).toMatch(/^ENOSPC:1[56]$/);
    expect(filled["/dev/mqueue"]).toMatch(/^E[A-Z]+:0$/);
    await unharmed(["python"]);
  });

  test("C writing a file larger than fileSizeBytes: killed by SIGXFSZ, runtime_error", async ({
    engine,
    unharmed,
  }) => {
    const result = await attack(engine, {
      language: "c",
      source: [
        "#include <stdio.h>",
        "#include <string.h>",
        'int main(void) { static char b[1 << 20]; memset(b, \'z\', sizeof b); FILE *f = fopen("big", "wb");',
        "  for (int i = 0; i < 4; i++) { fwrite(b, 1, sizeof b, f); fflush(f); }",
        '  puts("wrote it all"); return 0; }',
      ].join("\n"),
      limits: { fileSizeBytes: MIB },
    });
    expect(result.status, result.describe).toBe("runtime_error");
    expect(result.run?.signal).toBe("SIGXFSZ");
    expect(result.run?.stdout).toBe("");
    await unharmed(["c"]);
  });

  test("Python writing past fileSizeBytes gets EFBIG (it ignores SIGXFSZ): the file stops at the limit", async ({
    engine,
    unharmed,
  }) => {
    const result = await attack(engine, {
      language: "python",
      source: [
        "import errno, os",
        "try:",
        "    with open('/tmp/big', 'wb', buffering=0) as f:",
        "        for _ in range(4):",
        "            f.write(b'q' * 1024 * 1024)",
        "except OSError as e:",
        "    print('error=' + errno.errorcode[e.errno])",
        "print('size=' + str(os.path.getsize('/tmp/big')))",
      ].join("\n"),
      limits: { fileSizeBytes: MIB },
    });
    expect(result.status, result.describe).toBe("ok");
    expect(report(result.run?.stdout)).toEqual({ error: "EFBIG", size: String(MIB) });
    await unharmed(["python"]);
  });

  test("C creating empty files and directories until the inodes run out: the wipe still proves it clean", async ({
    engine,
    unharmed,
  }) => {
    const result = await attackWith(engine, "inode-exhaustion.c", {
      limits: { timeMs: 8_000 },
    });
    expect(result.status, result.describe).toBe("ok");
    // gVisor's tmpfs stops at 8,192 entries, below the nr_inodes it is given (16,384).
    expect(Number(report(result.run?.stdout).files)).toBeGreaterThan(UNDER_GVISOR ? 8_000 : 10_000);
    await unharmed(["c"]);
  });
});

describe("output floods", () => {
  test("C flooding stdout: output_limit, exactly outputBytes kept", async ({
    engine,
    unharmed,
  }) => {
    const result = await attack(engine, {
      language: "c",
      source: [
        "#include <stdio.h>",
        "#include <string.h>",
        "int main(void) { static char b[1 << 20]; memset(b, 'o', sizeof b); for (;;) fwrite(b, 1, sizeof b, stdout); }",
      ].join("\n"),
      limits: { outputBytes: 65_536 },
    });
    expect(result.status, result.describe).toBe("output_limit");
    expect(result.run?.truncated).toBe(true);
    expect(result.run?.stdout).toBe("o".repeat(65_536));
    await unharmed(["c"]);
  });

  test("Java flooding stderr: output_limit, exactly outputBytes kept, stdout untouched", async ({
    engine,
    unharmed,
  }) => {
    const result = await attack(engine, {
      language: "java",
      source: [
        "public class Main {",
        "  public static void main(String[] args) {",
        '    String line = "e".repeat(1023) + "\\n";',
        "    for (;;) System.err.print(line);",
        "  }",
        "}",
      ].join("\n"),
      limits: { outputBytes: 100_000, timeMs: 8_000 },
    });
    expect(result.status, result.describe).toBe("output_limit");
    expect(result.run?.stdout).toBe("");
    expect(Buffer.byteLength(result.run?.stderr ?? "")).toBe(100_000);
    await unharmed(["java"]);
  });

  test("JavaScript writing one 8 MiB line without a newline under a 4 MiB cap: output_limit at exactly 4 MiB", async ({
    engine,
    unharmed,
  }) => {
    const result = await attack(engine, {
      language: "javascript",
      source: "process.stdout.write('y'.repeat(8 << 20));\n",
      limits: { outputBytes: 4 * MIB },
    });
    expect(result.status, result.describe).toBe("output_limit");
    expect(result.run?.stdout.length).toBe(4 * MIB);
    expect(result.run?.stdout.replaceAll("y", "")).toBe("");
    await unharmed(["javascript"]);
  });

  test("Python writing one 12 MiB line without a newline under a 16 MiB cap: ok, every byte delivered", async ({
    engine,
    unharmed,
  }) => {
    const result = await attack(engine, {
      language: "python",
      source: "import sys\nsys.stdout.write('L' * (12 << 20))\n",
      // Under gVisor every pipe write is a round trip through its kernel: slower than 5 s here.
      limits: { outputBytes: 16 * MIB, timeMs: 15_000 },
    });
    expect(result.status, result.describe).toBe("ok");
    expect(result.run?.truncated).toBe(false);
    expect(result.run?.stdout.length).toBe(12 * MIB);
    expect(result.run?.stdout.replaceAll("L", "")).toBe("");
    await unharmed(["python"]);
  });

  test("binary and invalid UTF-8 on stdout and stderr: ok, decoded with replacement characters, nothing lost around them", async ({
    engine,
    unharmed,
  }) => {
    const result = await attack(engine, {
      language: "c",
      source: [
        "#include <stdio.h>",
        "int main(void) {",
        "  for (int i = 0; i < 256; i++) putchar(i);",
        '  fputs("\\xc3\\x28|\\xff\\xfe|\\xed\\xa0\\x80|end\\n", stdout);',
        // Split literal: a C hex escape would swallow the "e" of "err".
        '  fwrite("\\x00\\x80" "err\\n", 1, 6, stderr);',
        "  return 0; }",
      ].join("\n"),
    });
    expect(result.status, result.describe).toBe("ok");
    const stdout = result.run?.stdout ?? "";
    expect(stdout.slice(0, 128)).toBe(
      Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)).join(""),
    );
    expect(stdout).toContain("\uFFFD");
    expect(stdout.endsWith("|end\n")).toBe(true);
    expect(result.run?.stderr).toBe("\0\uFFFDerr\n");
    await unharmed(["c"]);
  });
});

describe("programs that won't end", () => {
  test("Python closing stdout and stderr, then spinning: timeout", async ({ engine, unharmed }) => {
    const result = await attack(engine, {
      language: "python",
      source:
        "import os\nprint('bye', flush=True)\nos.close(1)\nos.close(2)\nos.close(0)\nwhile True:\n    pass\n",
      limits: { timeMs: 1_000 },
    });
    expect(result.status, result.describe).toBe("timeout");
    expect(result.run?.stdout).toBe("bye\n");
    await unharmed(["python"]);
  });

  test("C closing its stdout, then sleeping: timeout", async ({ engine, unharmed }) => {
    const result = await attack(engine, {
      language: "c",
      source: "#include <unistd.h>\nint main(void) { close(1); close(2); for (;;) pause(); }",
      limits: { timeMs: 1_000 },
    });
    expect(result.status, result.describe).toBe("timeout");
    expect(result.run?.cpuMs).toBeLessThan(500);
    await unharmed(["c"]);
  });

  test("JavaScript sleeping forever on a timer: timeout, almost no CPU", async ({
    engine,
    unharmed,
  }) => {
    const result = await attack(engine, {
      language: "javascript",
      source: "setInterval(() => {}, 1 << 30);\n",
      limits: { timeMs: 1_200 },
    });
    expect(result.status, result.describe).toBe("timeout");
    expect(result.run?.wallMs).toBeGreaterThanOrEqual(1_150);
    await unharmed(["javascript"]);
  });

  test("C++ sleeping for hours: timeout", async ({ engine, unharmed }) => {
    const result = await attack(engine, {
      language: "cpp",
      source:
        "#include <chrono>\n#include <thread>\nint main() { std::this_thread::sleep_for(std::chrono::hours(5)); }",
      limits: { timeMs: 1_000 },
    });
    expect(result.status, result.describe).toBe("timeout");
    await unharmed(["cpp"]);
  });

  test("C ignoring every catchable signal: timeout, SIGKILL gets it anyway", async ({
    engine,
    unharmed,
  }) => {
    const result = await attack(engine, {
      language: "c",
      source: [
        "#include <signal.h>",
        "#include <unistd.h>",
        "int main(void) { for (int s = 1; s < 65; s++) signal(s, SIG_IGN);",
        "  if (fork() == 0) { setsid(); for (;;) pause(); }",
        "  for (;;) pause(); }",
      ].join("\n"),
      limits: { timeMs: 1_000 },
    });
    expect(result.status, result.describe).toBe("timeout");
    expect(result.run?.signal).toBe("SIGKILL");
    await unharmed(["c"]);
  });

  test("Python ignoring SIGTERM, SIGINT and SIGHUP: timeout", async ({ engine, unharmed }) => {
    const result = await attack(engine, {
      language: "python",
      source: [
        "import signal, time",
        "for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT):",
        "    signal.signal(s, signal.SIG_IGN)",
        "while True:",
        "    time.sleep(1)",
      ].join("\n"),
      limits: { timeMs: 1_000 },
    });
    expect(result.status, result.describe).toBe("timeout");
    await unharmed(["python"]);
  });

  test("Python double fork: the parent exits at once, the run is ok, the orphan holding stdout open dies with the run", async ({
    engine,
    unharmed,
  }) => {
    const started = Date.now();
    const result = await attack(engine, {
      language: "python",
      source: [
        "import os, time",
        "if os.fork() == 0:",
        "    os.setsid()",
        "    if os.fork() == 0:",
        "        time.sleep(30)",
        "        print('orphan still here', flush=True)",
        "    os._exit(0)",
        "print('parent done', flush=True)",
      ].join("\n"),
      limits: { timeMs: 5_000 },
    });
    expect(result.status, result.describe).toBe("ok");
    expect(result.run?.stdout).toBe("parent done\n");
    expect(Date.now() - started).toBeLessThan(4_000);
    await unharmed(["python"]);
  });

  test("C daemon(): a detached grandchild that keeps writing does not hold the run open", async ({
    engine,
    unharmed,
  }) => {
    const result = await attack(engine, {
      language: "c",
      source: [
        "#include <stdio.h>",
        "#include <unistd.h>",
        "int main(void) { if (fork() == 0) { if (fork() == 0) { setsid();",
        '  for (;;) { puts("ghost"); fflush(stdout); usleep(1000); } } _exit(0); }',
        '  usleep(50000); puts("main done"); return 0; }',
      ].join("\n"),
      limits: { timeMs: 5_000 },
    });
    // ok, not timeout: the run ended without waiting for the grandchild, which never ends.
    expect(result.status, result.describe).toBe("ok");
    expect(result.run?.stdout).toContain("main done\n");
    await unharmed(["c"]);
  });
});

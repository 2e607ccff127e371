import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LABEL_LANGUAGE } from "../../src/engine/container-labels.js";
import type { ExecuteRequest } from "../../src/request/execute-request.js";
import { containersOf, docker, testEngine } from "../helpers/test-engine.js";
import { attack, containerOf, programText, report } from "../isolation/isolation-helpers.js";
import { CGROUP_V2_LANE_LIMITS, laneProgram, runInVm } from "./lane.js";

/**
 * The supervisor's cgroup v2 paths on a real cgroup v2 kernel (the VM of scripts/cgroup-v2-vm,
 * booted by global-setup.ts): every status, the numbers taken from the kernel's counters, the
 * pids limit, the proof after a job that its container is empty, and the pool after an OOM.
 *
 * Why a pass means the v2 files were read: the sandbox has no v1 file (the first case), and the
 * supervisor (runner-base/supervisor/cgroup.c) has no other source for what the cases check —
 * CPU time of a child nobody waited for (cpu.stat usage_usec; wait4's rusage can't see it), an
 * OOM kill (memory.events oom_kill; `memory_limit` comes from nothing else), the empty
 * container (pids.current; unreadable, the supervisor refuses the sandbox). The lane also reads
 * those files itself, in the VM, and holds the reported numbers against them.
 *
 * One engine, one Python sandbox: the C programs are compiled once on the host (static) and
 * started from Python (`os.execv`), so no compiler runs under emulation.
 */
const engine = testEngine({
  ...CGROUP_V2_LANE_LIMITS,
  languages: ["python"],
  pool: { min: 1, max: 1 },
});
beforeAll(() => engine.warmup());
afterAll(() => engine.close());

const MIB = 1_048_576;

/** Starts the compiled lane program `name` from Python, with its `args` and the request's `extra`. */
function runProgram(name: string, extra: Omit<ExecuteRequest, "language" | "files"> = {}) {
  return attack(engine, {
    ...extra,
    language: "python",
    files: [
      {
        name: "main.py",
        content:
          "import os, sys\nos.chmod('main', 0o755)\nos.execv('main', ['main', *sys.argv[1:]])\n",
      },
      { name: "main", content: laneProgram(name), encoding: "base64" },
    ],
  });
}

/**
 * The counters of the (one, idle) Python sandbox's cgroup as the VM's kernel has them now,
 * looked up by `file.key` (cpu.stat.usage_usec, memory.events.oom_kill) or `file`
 * (pids.current, pids.max). One command in the VM: each costs seconds under emulation.
 */
async function kernelCounters(): Promise<(name: string) => number> {
  const python = (await containersOf(engine.id)).filter(
    (container) => container.Labels[LABEL_LANGUAGE] === "python" && container.State === "running",
  );
  expect(python.map((container) => container.State)).toEqual(["running"]);
  const pid = (await docker.getContainer(python[0]?.Id ?? "").inspect()).State.Pid;
  const text = runInVm(
    `cd /sys/fs/cgroup$(cut -d: -f3 /proc/${pid}/cgroup) && ` +
      'for f in cpu.stat memory.events pids.current pids.max; do sed "s/^/$f /" $f; done',
  );
  const counters = new Map<string, number>();
  for (const line of text.trim().split("\n")) {
    const [file, ...rest] = line.split(" ");
    counters.set(rest.length > 1 ? `${file}.${rest[0]}` : `${file}`, Number(rest.at(-1)));
  }
  return (name) => {
    const value = counters.get(name);
    if (value === undefined)
      throw new Error(`the sandbox's cgroup has no ${name} in the VM: ${text}`);
    return value;
  };
}

/** oom_kill of memory.events of the VM's system.slice: it counts every container's OOM kills. */
function containersOomKills(): number {
  const text = runInVm("cat /sys/fs/cgroup/system.slice/memory.events");
  const count = /^oom_kill (\d+)$/m.exec(text)?.[1];
  if (count === undefined) throw new Error(`system.slice's memory.events has no oom_kill: ${text}`);
  return Number(count);
}

describe("the sandbox's cgroup is v2's, and the supervisor reads it", () => {
  it("ok: the sandbox sees one cgroup v2 folder with the counters' files, no v1 controller folder", async () => {
    const result = await attack(engine, {
      language: "python",
      source: [
        "import os",
        "for name in ('cgroup.controllers', 'cpu.stat', 'memory.events', 'memory.peak', 'pids.current', 'cpuacct', 'memory', 'pids'):",
        "    print(name + '=' + ('dir' if os.path.isdir('/sys/fs/cgroup/' + name) else 'file' if os.path.exists('/sys/fs/cgroup/' + name) else 'none'))",
      ].join("\n"),
    });
    expect(result.status, result.describe).toBe("ok");
    expect(report(result.run?.stdout)).toEqual({
      "cgroup.controllers": "file",
      "cpu.stat": "file",
      "memory.events": "file",
      // Debian 12's kernel (6.1) has it; the supervisor takes its peak from wait4 (ru_maxrss).
      "memory.peak": "file",
      "pids.current": "file",
      cpuacct: "none",
      memory: "none",
      pids: "none",
    });
  });

  // One retry: emulated, the WIPE after this job (an orphan to kill) once took longer than the
  // engine's 10 s, the pool replaced the sandbox, and the counters read after were the new
  // container's (a negative kernel time). Twice in a row would be a real failure.
  it("CPU time counts every thread and a child nobody waited for, as the kernel's cpu.stat does", {
    retry: 1,
  }, async () => {
    const before = await kernelCounters();
    const result = await runProgram("cpu-of-threads-and-orphan", {
      // Generous wall time: other work on the machine may leave it little CPU.
      limits: { cpuMs: 20_000, timeMs: 60_000, cpus: 2 },
    });
    const after = await kernelCounters();
    expect(result.status, result.describe).toBe("ok");
    const { own, child } = report(result.run?.stdout);
    const programs = Number(own) + Number(child);
    expect(Number(own)).toBeGreaterThanOrEqual(800);
    expect(Number(child)).toBeGreaterThanOrEqual(400);
    // Never less than the programs' own clocks (v1's bound, cgroup-counters.test.ts): wait4's
    // rusage would miss the child's 0.4 s. A little more, for the start: on v1 at most
    // 10 % + 100 ms; the lane's own bound is 10 % + 500 ms, because the count is the
    // container's over the stage and, emulated, the supervisor's polling every 10 ms, the
    // template's clone and the execv cost several times the CPU time they take on a host
    // (measured: 230 ms over the programs' 1285 ms).
    const cpuMs = result.run?.cpuMs ?? 0;
    expect(cpuMs).toBeGreaterThanOrEqual(programs - 20);
    expect(cpuMs).toBeLessThanOrEqual(programs * 1.1 + 500);
    // The kernel's count for the whole container over the job (supervisor and template too).
    const kernelMs = (after("cpu.stat.usage_usec") - before("cpu.stat.usage_usec")) / 1000;
    expect(cpuMs).toBeLessThanOrEqual(kernelMs);
  });

  it("peak memory is the memory the program touched", async () => {
    const result = await runProgram("touch-64mib", { limits: { memoryMb: 256 } });
    expect(result.status, result.describe).toBe("ok");
    // v1's tolerance (cgroup-counters.test.ts).
    expect(result.run?.memoryBytes).toBeGreaterThanOrEqual(64 * MIB);
    expect(result.run?.memoryBytes).toBeLessThanOrEqual(72 * MIB);
  });

  it("the pids limit: forks stop at the cgroup's pids.max, which the engine sets to processes + 2", async () => {
    const result = await runProgram("fork-until-refused", { limits: { processes: 16 } });
    expect(result.status, result.describe).toBe("ok");
    const counters = await kernelCounters();
    const max = counters("pids.max");
    const current = counters("pids.current");
    expect(max).toBe(16 + 2);
    // Between jobs: init, the supervisor and the Python template. The program and its children
    // filled the rest (the template takes one of the program's `processes`).
    expect(current).toBe(3);
    expect(Number(result.run?.stdout) + 1 + current).toBe(max);
  });
});

describe("nothing a job starts outlives it: the kernel's pids.current proves the container empty", () => {
  /** A later run's view of the container (programs/observer.c of the isolation suite). */
  async function observe(): Promise<Record<string, string>> {
    const result = await runProgram("observer");
    expect(result.status, result.describe).toBe("ok");
    return report(result.run?.stdout);
  }
  /** init, the supervisor, the Python template and the observer; nothing else anywhere. */
  const EMPTY = { tasks: "4", others: "", tmp: "", "dev-shm": "", box: "" };
  const emptiness = (view: Record<string, string>) => ({
    tasks: view.tasks,
    // The Python template (docs/templates.md), always there, is no survivor.
    others: (view.others ?? "").replace(/^\d+:S:template;/, ""),
    tmp: view.tmp,
    "dev-shm": view["dev-shm"],
    box: view.box,
  });

  const SURVIVORS = [
    {
      what: "a daemon (fork, setsid, fork, stdio to /dev/null)",
      program: "daemon",
      claims: { "session-differs": "yes", "parent-gone": "yes" },
    },
    {
      what: "processes in a new session, a new process group, and a session of their own",
      program: "new-group-and-session",
      claims: { "a-session-differs": "yes", "b-group-differs": "yes", "c-session-differs": "yes" },
    },
    {
      what: "a sleeper that ignores or blocks every signal it can",
      program: "ignores-signals",
      claims: { "ignores-sigterm": "yes", "alive-after-sigterm": "yes" },
    },
  ];

  for (const { what, program, claims } of SURVIVORS) {
    it(what, async () => {
      const before = await observe();
      expect(emptiness(before)).toEqual(EMPTY);
      const planted = await runProgram(program);
      expect(planted.status, planted.describe).toBe("ok");
      expect(report(planted.run?.stdout), planted.describe).toMatchObject({
        ...claims,
        planted: "yes",
      });
      const after = await observe();
      expect(containerOf(after)).toBe(containerOf(before));
      expect(emptiness(after)).toEqual(EMPTY);
    });
  }
});

describe("every limit, as a status (each sandbox that hit one is replaced)", () => {
  it("timeout by CPU time: six spinning threads in two processes, stopped by the cgroup's count", async () => {
    const result = await runProgram("spin-threads", {
      limits: { cpuMs: 600, timeMs: 60_000, cpus: 2 },
    });
    expect(result.status, result.describe).toBe("timeout");
    expect(result.message).toContain("CPU-time limit of 600 ms");
    // v1's bound (statuses.test.ts). How far past 600 ms is the emulation's business (the
    // supervisor's check waits for a vCPU among six spinning threads): the proof that the
    // cgroup's count stopped it is the supervisor's SIGKILL, where RLIMIT_CPU, the backstop of
    // a supervisor that can't read the cgroup, would end the main process with SIGXCPU.
    expect(result.run?.cpuMs).toBeGreaterThanOrEqual(600);
    expect(result.run?.signal, result.describe).toBe("SIGKILL");
  });

  it("timeout by wall time: sleeping forever, without using CPU", async () => {
    const result = await attack(engine, {
      language: "python",
      source: "import time\ntime.sleep(3600)",
      limits: { timeMs: 3_000 },
    });
    expect(result.status, result.describe).toBe("timeout");
    expect(result.message).toContain("time limit of 3000 ms");
    expect(result.run?.wallMs).toBeGreaterThanOrEqual(2_950);
    // The lane's own bound: the count is the container's over the stage, and emulated, the
    // Python start and the supervisor's polls take about half a second of it (560 ms
    // measured for a 1 s sleep), beyond v1's 400 ms (statuses.test.ts). A sleeper still stays
    // far below its wall time; a program spinning one CPU would reach it.
    expect(result.run?.cpuMs).toBeLessThan((result.run?.wallMs ?? 0) / 2);
  });

  it("output_limit: printing forever is stopped, output truncated at the cap", async () => {
    const result = await attack(engine, {
      language: "python",
      source: "while True:\n    print('y' * 100)\n",
      limits: { outputBytes: 10_000 },
    });
    expect(result.status, result.describe).toBe("output_limit");
    expect(result.run?.truncated).toBe(true);
    expect(Buffer.byteLength(result.run?.stdout ?? "")).toBe(10_000);
  });
});

describe("memory_limit by the OOM killer, and the pool after it", () => {
  it("allocating beyond the limit: memory_limit, from the oom_kill count of memory.events", async () => {
    const before = containersOomKills();
    const result = await attack(engine, {
      language: "python",
      source: "chunks = []\nwhile True:\n    chunks.append(bytearray(8 * 1024 * 1024))\n",
      limits: { memoryMb: 64 },
    });
    expect(result.status, result.describe).toBe("memory_limit");
    expect(result.message).toContain("64 MiB");
    // The kernel's count, read in the VM (the sandbox's own cgroup goes with its container).
    expect(containersOomKills()).toBeGreaterThan(before);
  });

  it("whichever process the OOM killer takes, the pool serves on from a live sandbox", async () => {
    // The program lowers its oom_score_adj as far as it may, so the OOM killer may take the
    // supervisor (the container then dies and is replaced) instead of the program.
    const result = await attack(engine, {
      language: "python",
      source: programText("oom-hide-then-bomb.py"),
      limits: { memoryMb: 64 },
    });
    expect(result.status, result.describe).toBe("memory_limit");
    const next = await attack(engine, { language: "python", source: "print(6 * 7)" });
    expect(next.run?.stdout, next.describe).toBe("42\n");
    const python = (await containersOf(engine.id)).filter(
      (container) => container.Labels[LABEL_LANGUAGE] === "python",
    );
    expect(python.map((container) => container.State)).toEqual(["running"]);
  });
});

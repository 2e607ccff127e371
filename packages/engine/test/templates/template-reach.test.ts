import { constants } from "node:os";
import { expect } from "vitest";
import { programText } from "../isolation/isolation-helpers.js";
import { isolationTest } from "../isolation/isolation-test.js";

/**
 * The ways a process acts on another that the template isolation tests don't try
 * (*-template-isolation.test.ts: kill, ptrace, /proc/<pid>/mem, fd/, environ,
 * process_vm_readv, priority, affinity), tried by a program of the Ruby and of the PHP template
 * on its template and on the supervisor, both root's: pidfds, rlimits, I/O priority, the
 * scheduler, NUMA, kcmp, perf, signals by process group and thread, and the /proc files of
 * either that a process may write or read. Signals are sent as signal 0 (the same permission
 * check, nothing delivered). Every attempt is refused (the kernel's errno is the proof) and the
 * next run starts from the same template.
 */
const test = isolationTest({ languages: ["ruby", "php"], pool: { min: 1, max: 1 } });

/** Little-endian hex of 64-bit words, for the programs' buffers. */
const words = (...values: number[]) =>
  values
    .map((value) =>
      Buffer.from(BigInt.asUintN(64, BigInt(value)).toString(16).padStart(16, "0"), "hex")
        .reverse()
        .toString("hex"),
    )
    .join("");

/** [label, op, ...args]: op "sys" is syscall(2) (x86_64 numbers) with those arguments. */
const ATTEMPTS = [
  ["signal", "sys", 62, "target", 0],
  ["group signal", "sys", 62, "group", 0],
  ["tgkill", "sys", 234, "target", "target", 0],
  [
    "sigqueue",
    "sys",
    129,
    "target",
    0,
    { hex: `00000000 00000000 ffffffff`.replaceAll(" ", "") + "00".repeat(116) },
  ],
  ["pidfd signal", "sys", 424, "pidfd", 0, 0, 0],
  ["pidfd getfd", "sys", 438, "pidfd", 3, 0],
  ["process_madvise", "sys", 440, "pidfd", { hex: words(0x400000, 4096) }, 1, 21, 0],
  ["prlimit set", "sys", 302, "target", 7, { hex: words(1, 1) }, 0],
  ["prlimit get", "sys", 302, "target", 7, 0, { zeros: 16 }],
  ["ioprio_set", "sys", 251, 1, "target", 3 << 13],
  ["sched_setscheduler", "sys", 144, "target", 5, { zeros: 4 }],
  ["migrate_pages", "sys", 256, "target", 64, { hex: words(1) }, { hex: words(1) }],
  ["move_pages", "sys", 279, "target", 1, { hex: words(0x400000) }, 0, { zeros: 4 }, 0],
  ["kcmp", "sys", 312, "self", "target", 1, 0, 0],
  ["get_robust_list", "sys", 274, "target", { zeros: 8 }, { zeros: 8 }],
  [
    "perf_event_open",
    "sys",
    298,
    { hex: `0100000080000000${"00".repeat(120)}` },
    "target",
    -1,
    -1,
    0,
  ],
  ["setpgid", "sys", 109, "target", 0],
  ["oom_score_adj", "write", "oom_score_adj", "-1000"],
  ["timerslack_ns", "write", "timerslack_ns", "1"],
  ["clear_refs", "write", "clear_refs", "1"],
  ["comm", "write", "comm", "x"],
  ["coredump_filter", "write", "coredump_filter", "0"],
  ["loginuid", "write", "loginuid", "0"],
  ["maps", "read", "maps"],
  ["auxv", "read", "auxv"],
  ["timers", "read", "timers"],
  ["syscall", "read", "syscall"],
  ["stack", "read", "stack"],
  ["pagemap", "read", "pagemap"],
  ["io", "read", "io"],
  ["personality", "read", "personality"],
  ["cwd", "readlink", "cwd"],
  ["root", "readlink", "root"],
  ["exe", "readlink", "exe"],
  ["ns", "readlink", "ns/mnt"],
  ["map_files", "list", "map_files"],
];

const errnoName = (number: string) =>
  Object.entries(constants.errno).find(([, value]) => String(value) === number)?.[0] ?? number;

/** What the program printed of one target, errnos by name. */
function refusals(stdout: string, target: string): string[] {
  return stdout
    .split("\n")
    .filter((line) => line.startsWith(`${target} `) && line.split(" ").length > 2)
    .map((line) => {
      const at = line.lastIndexOf(" ");
      return `${line.slice(target.length + 1, at)} ${errnoName(line.slice(at + 1))}`;
    });
}

/** The kernel's answer to each attempt, the same for the template and the supervisor. */
const EXPECTED = [
  ...["signal", "group signal", "tgkill", "sigqueue", "pidfd signal", "pidfd getfd"],
  ...["process_madvise", "prlimit set", "prlimit get", "ioprio_set", "sched_setscheduler"],
  ...["migrate_pages", "move_pages", "kcmp", "get_robust_list", "perf_event_open"],
]
  .map((label) => `${label} EPERM`)
  .concat(
    "setpgid ESRCH",
    "oom_score_adj EACCES",
    "timerslack_ns EPERM",
    ...["clear_refs", "comm", "coredump_filter", "loginuid", "maps", "auxv", "timers", "syscall"]
      .concat(["stack", "pagemap", "io", "personality", "cwd", "root", "exe", "ns", "map_files"])
      .map((label) => `${label} EACCES`),
  );

for (const [language, file] of [
  ["ruby", "template-reach.rb"],
  ["php", "template-reach.php"],
] as const) {
  test(`a ${language} program can't act on its template or the supervisor`, async ({
    engine,
    unharmed,
  }) => {
    const source = programText(file);
    const result = await engine.execute({ language, source, stdin: JSON.stringify(ATTEMPTS) });
    expect(result.status, JSON.stringify(result)).toBe("ok");
    const stdout = result.run?.stdout ?? "";
    const template = stdout.split("\n")[0];
    expect(template).toMatch(/^template [1-9]\d*$/);
    expect(refusals(stdout, "template")).toEqual(EXPECTED);
    expect(refusals(stdout, "supervisor")).toEqual(EXPECTED);
    // The same template starts the next run.
    const after = await engine.execute({ language, source, stdin: "[]" });
    expect(after.run?.stdout).toBe(`${template}\n`);
    await unharmed([language]);
  });
}

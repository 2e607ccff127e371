import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LABEL_LANGUAGE } from "../../src/engine/container-labels.js";
import { containersOf, testEngine } from "../helpers/test-engine.js";
import {
  attack,
  execAsRoot,
  expectUnharmed,
  report,
  sandboxUserProcesses,
} from "./isolation-helpers.js";

/**
 * Survivors: nothing a job starts outlives it. Each attack leaves processes behind in a shape
 * that a walk of /proc can miss (a thread group whose leader is a zombie, a stopped, traced or
 * vfork-suspended process, a fork loop, other sessions and groups); the next runs in the same
 * container (one sandbox per language, proven the same by its hostname and PID 1's start time)
 * must find no task of it in the kernel's count (pids.current of the container), no process in
 * /proc and no file it keeps writing. The attack programs are in ./programs.
 */
const engine = testEngine({ languages: ["c", "python"], pool: { min: 1, max: 1 } });
const hostBaseline = sandboxUserProcesses().filter((process) => process.container === null);

beforeAll(() => engine.warmup());
afterAll(() => engine.close());

const programs = new URL("./programs/", import.meta.url);
const programFile = (name: string) => readFileSync(new URL(name, programs), "utf8");

/** Runs programs/<file> as the C program's main.c, with the survivors' shared header. */
function runC(file: string, args: string[] = []) {
  return attack(engine, {
    language: "c",
    files: [
      { name: "main.c", content: programFile(file) },
      { name: "survivor.h", content: programFile("survivor.h") },
    ],
    args,
  });
}

/** A later run's view of the C container (programs/observer.c), as key=value pairs. */
async function observe(): Promise<Record<string, string>> {
  const result = await runC("observer.c");
  expect(result.status, result.describe).toBe("ok");
  return report(result.run?.stdout);
}

/** What a run finds in a container nothing survived in: only init, the supervisor and itself. */
const EMPTY = { tasks: "3", others: "", tmp: "", "dev-shm": "", box: "" };
const emptiness = (view: Record<string, string>) => ({
  tasks: view.tasks,
  others: view.others,
  tmp: view.tmp,
  "dev-shm": view["dev-shm"],
  box: view.box,
});

/** Two later runs in the same container as `before` find nothing of the attack. */
async function expectNothingSurvived(before: Record<string, string>): Promise<void> {
  for (let run = 0; run < 2; run++) {
    const after = await observe();
    expect(after.host).toBe(before.host);
    expect(after["init-start"]).toBe(before["init-start"]);
    expect(emptiness(after)).toEqual(EMPTY);
  }
}

/** Runs programs/<file> (C) after a first look at the container, and returns both. */
async function plant(file: string, args: string[] = []) {
  const before = await observe();
  expect(emptiness(before)).toEqual(EMPTY);
  const planted = await runC(file, args);
  expect(planted.status, planted.describe).toBe("ok");
  const said = report(planted.run?.stdout);
  expect(said.planted, planted.describe).toBe("yes");
  return { before, said };
}

describe("no process of a job outlives it (regression: hole 1, zombie leader)", () => {
  it("C: a thread lives on after its thread-group leader called pthread_exit", async () => {
    const { before, said } = await plant("zombie-leader.c", ["pthread-exit"]);
    expect(said).toMatchObject({ "leader-state": "Z", threads: "2" });
    await expectNothingSurvived(before);
  });

  it("C: the leader started a new session, then ended by the raw exit system call", async () => {
    const { before, said } = await plant("zombie-leader.c", ["setsid-sys-exit"]);
    expect(said).toMatchObject({ "leader-state": "Z", threads: "2" });
    await expectNothingSurvived(before);
  });

  it("Python: a thread lives on after the main thread's raw exit (ctypes syscall SYS_exit)", async () => {
    // The Python sandbox is another container: a Python look at it, like observer.c's.
    const lookAtPython = async () => {
      const look = await attack(engine, {
        language: "python",
        source: [
          "import os, socket",
          "print('host=' + socket.gethostname())",
          "print('init-start=' + open('/proc/1/stat').read().rsplit(')', 1)[1].split()[19])",
          "print('tasks=' + open('/sys/fs/cgroup/pids/pids.current').read().strip())",
          "print('tmp=' + ';'.join(os.listdir('/tmp')))",
        ].join("\n"),
      });
      expect(look.status, look.describe).toBe("ok");
      return report(look.run?.stdout);
    };
    const before = await lookAtPython();
    expect(before).toMatchObject({ tasks: "3", tmp: "" });
    const planted = await attack(engine, {
      language: "python",
      source: [
        "import ctypes, os, platform, threading, time",
        "SYS_exit = {'x86_64': 60, 'aarch64': 93}[platform.machine()]",
        "ready_r, ready_w = os.pipe()",
        "def haunt():",
        "    os.write(ready_w, b'x')",
        "    while True:",
        "        open(f'/tmp/python-survivor-{os.getpid()}', 'w').close()",
        "        time.sleep(0.01)",
        "pid = os.fork()",
        "if pid == 0:",
        "    threading.Thread(target=haunt).start()",
        "    ctypes.CDLL(None).syscall(SYS_exit, 0)  # ends the main thread only",
        "os.read(ready_r, 1)",
        "for _ in range(500):",
        "    state = open(f'/proc/{pid}/status').read().split('State:\\t')[1][0]",
        "    if state == 'Z':",
        "        break",
        "    time.sleep(0.01)",
        "print('leader-state=' + state)",
      ].join("\n"),
    });
    expect(planted.status, planted.describe).toBe("ok");
    expect(report(planted.run?.stdout)["leader-state"], planted.describe).toBe("Z");
    for (let run = 0; run < 2; run++) expect(await lookAtPython()).toEqual(before);
  });
});

describe("no process of a job outlives it, whatever its state", () => {
  it("a stopped (SIGSTOP) process", async () => {
    const { before, said } = await plant("stopped.c");
    expect(said.state).toBe("T");
    await expectNothingSurvived(before);
  });

  it("a process held in a trace stop by its sibling (ptrace)", async () => {
    const { before, said } = await plant("traced.c");
    expect(said).toMatchObject({ "tracee-state": "t", "traced-by-sibling": "yes" });
    await expectNothingSurvived(before);
  });

  it("a vfork child that never execs, and its parent suspended in vfork", async () => {
    const { before, said } = await plant("vfork-child.c");
    expect(said["parent-state"]).toBe("D");
    await expectNothingSurvived(before);
  });

  it("processes forking in a loop while the sweep runs", async () => {
    const { before } = await plant("fork-loop.c");
    await expectNothingSurvived(before);
  });

  it("siblings of the main process (CLONE_PARENT), children of the supervisor: a live one and a zombie (was: internal_error, 1 task survives)", async () => {
    const { before, said } = await plant("clone-parent.c");
    expect(said).toMatchObject({ "dead-state": "Z", "parent-of-living-is-mine": "yes" });
    await expectNothingSurvived(before);
  });

  it("processes in a new session, a new process group, and a session of their own", async () => {
    const { before, said } = await plant("new-group-and-session.c");
    expect(said).toMatchObject({
      "a-session-differs": "yes",
      "b-group-differs": "yes",
      "c-session-differs": "yes",
    });
    await expectNothingSurvived(before);
    await expectUnharmed(engine, ["c", "python"], hostBaseline);
  });
});

describe("the program can't act on the supervisor", () => {
  const scheduling = (view: Record<string, string>) => ({
    nice: view["supervisor-nice"],
    policy: view["supervisor-policy"],
    cpus: view["supervisor-cpus"],
    ioprio: view["supervisor-ioprio"],
  });

  it("runs with no capability in any set, and no new privileges", async () => {
    const view = await observe();
    const none = "0000000000000000";
    expect(view).toMatchObject({
      CapInh: none,
      CapPrm: none,
      CapEff: none,
      CapBnd: none,
      CapAmb: none,
      NoNewPrivs: "1",
    });
  });

  it("can't change the supervisor's scheduling, not even racing the sweep after the job", async () => {
    const { before, said } = await plant("sched-attack.c");
    expect(said["calls-that-worked"]).toBe("0");
    const after = await observe();
    expect(after["init-start"]).toBe(before["init-start"]);
    expect(scheduling(after)).toEqual(scheduling(before));
    await expectNothingSurvived(before);
  });

  it("the supervisor puts back scheduling that root in the container changed", async () => {
    const before = await observe();
    const [container] = (await containersOf(engine.id)).filter(
      (candidate) => candidate.Labels[LABEL_LANGUAGE] === "c",
    );
    if (!container) throw new Error("the C sandbox is missing");
    const pid = before["supervisor-pid"];
    // Root inside the container (docker exec) is stronger than any program: nice 19, SCHED_BATCH,
    // one CPU, idle I/O class. The next run must find the supervisor as it was.
    const changed = await execAsRoot(container.Id, [
      "sh",
      "-c",
      `renice -n 19 -p ${pid} >/dev/null && chrt -b -p 0 ${pid} && taskset -p 1 ${pid} >/dev/null && ionice -c 3 -p ${pid} && cut -d' ' -f19,41 /proc/${pid}/stat`,
    ]);
    expect(changed.trim()).toBe("19 3");
    const after = await observe();
    expect(after["init-start"]).toBe(before["init-start"]);
    expect(scheduling(after)).toEqual(scheduling(before));
  });
});

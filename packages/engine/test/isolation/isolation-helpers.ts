import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import { expect } from "vitest";
import { isSandboxUid } from "../../src/docker/sandbox-uids.js";
import type { Engine } from "../../src/engine/engine-types.js";
import { languageRegistry } from "../../src/languages/registry.js";
import type { ExecuteRequest } from "../../src/request/execute-request.js";
import type { ExecuteResult } from "../../src/request/execute-result.js";
import { helloAndEcho } from "../helpers/programs.js";
import { containersOf, docker, type TestEngine, UNDER_GVISOR } from "../helpers/test-engine.js";

export interface HostProcess {
  pid: number;
  /** The Docker container the process lives in (full id), or null for a host process. */
  container: string | null;
  command: string;
}

function readOr(path: string, fallback: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return fallback;
  }
}

/**
 * Live processes (or live threads) of the host whose real, effective or saved uid is a sandbox
 * uid (containers share the host's user ids).
 */
export function sandboxUserProcesses(): HostProcess[] {
  const found: HostProcess[] = [];
  for (const entry of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    const pid = Number(entry);
    const status = readOr(`/proc/${entry}/status`, "");
    const cgroup = readOr(`/proc/${entry}/cgroup`, "");
    const cmdline = readOr(`/proc/${entry}/cmdline`, "").replaceAll("\0", " ");
    const uids = /\nUid:\t(\d+)\t(\d+)\t(\d+)/.exec(status);
    const state = /\nState:\t(\S)/.exec(status)?.[1];
    // A zombie is dead, unless it is the leader of a thread group whose other threads run on.
    const threads = Number(/\nThreads:\t(\d+)/.exec(status)?.[1] ?? 1);
    if (!uids || ((state === "Z" || state === "X") && threads <= 1)) continue;
    if (!uids.slice(1).some((uid) => isSandboxUid(Number(uid)))) continue;
    found.push({
      pid,
      container: /docker[/-]([0-9a-f]{64})/.exec(cgroup)?.[1] ?? null,
      command: cmdline.trim(),
    });
  }
  return found;
}

/** Where Docker's containerd shim keeps the state of runsc's containers (`runsc --root`). */
const RUNSC_STATE_ROOT = "/var/run/docker/runtime-runc/moby";

/**
 * Processes of the sandbox user inside a gVisor container, as gVisor's kernel lists them
 * (`runsc ps`): they are not host processes, so /proc of the host can't see them.
 */
function gvisorSandboxUserProcesses(container: string): HostProcess[] {
  let table: string;
  try {
    table = execFileSync("runsc", ["--root", RUNSC_STATE_ROOT, "ps", container], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    // Removed meanwhile, or stopped (gVisor's kernel for it is gone; Docker removes it soon):
    // nothing of it is left. Anything else is a failure of the check.
    const stderr = String((error as { stderr?: string }).stderr);
    if (/not found|does not exist|no such|in state stopped/i.test(stderr)) return [];
    throw error;
  }
  // UID PID PPID C TTY STIME TIME CMD
  return table
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((columns) => isSandboxUid(Number(columns[0])))
    .map((columns) => ({
      pid: Number(columns[1]),
      container,
      command: columns.slice(7).join(" "),
    }));
}

/** Host processes of the sandbox user that are outside every container: escapees. */
export function hostEscapees(baseline: readonly HostProcess[] = []): HostProcess[] {
  const known = new Set(baseline.map((process) => process.pid));
  return sandboxUserProcesses().filter(
    (process) => process.container === null && !known.has(process.pid),
  );
}

/**
 * The engine and the host after an attack: no process of the sandbox user is left in any of
 * the engine's containers (once the wipe is done) nor outside containers on the host, and a
 * normal program in each given language still runs and answers correctly.
 */
export async function expectUnharmed(
  engine: TestEngine,
  languages: readonly string[],
  hostBaseline: readonly HostProcess[] = [],
): Promise<void> {
  expect(hostEscapees(hostBaseline)).toEqual([]);
  const leftovers = async () => {
    const ours = (await containersOf(engine.id)).map((container) => container.Id);
    // Under gVisor the program's processes live in gVisor's kernel: ask it for them.
    if (UNDER_GVISOR) return ours.flatMap(gvisorSandboxUserProcesses);
    const ourIds = new Set(ours);
    return sandboxUserProcesses().filter(
      (process) => process.container !== null && ourIds.has(process.container),
    );
  };
  await expect.poll(leftovers, { timeout: 5_000, interval: 100 }).toEqual([]);
  for (const language of languages) {
    const program = helloAndEcho(language);
    const result = await engine.execute({
      language,
      files: [{ name: program.file, content: program.source }],
      stdin: "still alive\n",
      args: ["ok"],
    });
    expect(result.status, JSON.stringify(result)).toBe("ok");
    expect(result.run?.stdout).toBe("hello\nstill alive\nok\n");
  }
  expect((await engine.health()).docker).toBe(true);
  expect(hostEscapees(hostBaseline)).toEqual([]);
}

/** Runs one program and returns its result, with the result in the message of failed expectations. */
export async function attack(
  engine: Engine,
  request: ExecuteRequest,
): Promise<ExecuteResult & { describe: string }> {
  const result = await engine.execute(request);
  const short = (text: string | undefined) =>
    text && text.length > 2_000 ? `${text.slice(0, 2_000)}…(${text.length})` : text;
  const describe = JSON.stringify({
    ...result,
    run: result.run && {
      ...result.run,
      stdout: short(result.run.stdout),
      stderr: short(result.run.stderr),
    },
    compile: result.compile && {
      ...result.compile,
      stdout: "…",
      stderr: short(result.compile.stderr),
    },
  });
  return Object.assign(result, { describe });
}

const PROGRAMS = new URL("./programs/", import.meta.url);
const LANGUAGE_OF_EXTENSION: Record<string, string> = {
  c: "c",
  cpp: "cpp",
  py: "python",
  js: "javascript",
  java: "java",
};

/** The text of programs/<name>. */
export function programText(name: string): string {
  return readFileSync(new URL(name, PROGRAMS), "utf8");
}

/**
 * Runs programs/<file> (see `attack`) as the entry file of its language, told by its extension
 * (.c, .cpp, .py, .js, .java), with `extra` on the request (limits, args, stdin) and
 * `extraFiles`, more of programs/, beside it under their own names.
 */
export function attackWith(
  engine: Engine,
  file: string,
  extra: Omit<ExecuteRequest, "language" | "files" | "source"> = {},
  extraFiles: readonly string[] = [],
): Promise<ExecuteResult & { describe: string }> {
  const language = LANGUAGE_OF_EXTENSION[file.slice(file.lastIndexOf(".") + 1)];
  const entry = language && languageRegistry.find(language)?.defaultFile;
  if (!language || !entry) throw new Error(`no language for programs/${file}`);
  return attack(engine, {
    ...extra,
    language,
    files: [
      { name: entry, content: programText(file) },
      ...extraFiles.map((name) => ({ name, content: programText(name) })),
    ],
  });
}

/** Lines of a program's stdout as key=value pairs. */
export function report(stdout: string | undefined): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const line of (stdout ?? "").split("\n")) {
    const at = line.indexOf("=");
    if (at > 0) pairs[line.slice(0, at)] = line.slice(at + 1);
  }
  return pairs;
}

/**
 * The container a program's report (with identity.h's or a Python observer's `host` and
 * `init-start`) came from: its host name (the container's id) and PID 1's start time. gVisor
 * starts every container's init at the same tick of its own kernel, so the time alone can't
 * tell containers apart there.
 */
export function containerOf(seen: Record<string, string>): string {
  return `${seen.host} ${seen["init-start"]}`;
}

/** Runs a command as root inside a container (docker exec) and returns its stdout; throws unless it exits 0. */
export async function execAsRoot(containerId: string, command: string[]): Promise<string> {
  const exec = await docker.getContainer(containerId).exec({
    Cmd: command,
    User: "root",
    AttachStdout: true,
    AttachStderr: true,
  });
  const stream = await exec.start({});
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on("data", (chunk: Buffer) => out.push(chunk));
  stderr.on("data", (chunk: Buffer) => err.push(chunk));
  docker.modem.demuxStream(stream, stdout, stderr);
  await new Promise((resolve) => stream.on("end", resolve));
  const { ExitCode } = await exec.inspect();
  if (ExitCode !== 0) {
    throw new Error(
      `${command.join(" ")} exited with ${ExitCode}: ${Buffer.concat(err).toString()}`,
    );
  }
  return Buffer.concat(out).toString();
}

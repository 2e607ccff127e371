import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { imagesRoot } from "../../src/images/package-root.js";

/**
 * The supervisor's wait for the unix sockets a job left in flight (unix_sockets.c), on the host
 * kernel without Docker: gcc builds it with the supervisor's other units (all but its main) and
 * the driver unix-sockets-settle.c, which runs in a network namespace of its own (so that
 * /proc/net/unix lists its sockets alone) and prints what the wait answered. Needs gcc and
 * `unshare`, as root or as a user who may make a user namespace; fails without them.
 * The engine's side (the container replaced under gVisor): isolation/inflight-sockets.test.ts
 * and isolation/runsc-inflight-fills-tmp.test.ts.
 */

const SUPERVISOR = join(imagesRoot(), "runner-base", "supervisor");
const PROGRAMS = join(import.meta.dirname, "..", "isolation", "programs");
const work = mkdtempSync(join(tmpdir(), "warmbox-unix-sockets-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function gcc(output: string, includeDir: string, sources: string[]): string {
  const path = join(work, output);
  execFileSync("gcc", [
    "-O2",
    "-Wall",
    "-Wextra",
    "-Werror",
    `-I${includeDir}`,
    "-o",
    path,
    ...sources,
  ]);
  return path;
}

/** The driver's key=value lines, after a run in fresh network, pid and mount namespaces. */
function runDriver(): Record<string, string> {
  const units = readdirSync(SUPERVISOR)
    .filter((name) => name.endsWith(".c") && name !== "supervisor.c")
    .map((name) => join(SUPERVISOR, name));
  const driver = gcc("settle", SUPERVISOR, [
    join(import.meta.dirname, "unix-sockets-settle.c"),
    ...units,
  ]);
  const attack = gcc("inflight-cycle", PROGRAMS, [join(PROGRAMS, "inflight-cycle.c")]);
  const asRoot = process.getuid?.() === 0;
  const namespaces = [
    ...(asRoot ? [] : ["--user", "--map-root-user"]),
    "--net",
    "--pid",
    "--fork",
    "--mount-proc",
  ];
  const stdout = execFileSync("unshare", [...namespaces, driver, attack], {
    encoding: "utf8",
    timeout: 30_000,
  });
  return Object.fromEntries(
    stdout
      .trim()
      .split("\n")
      .map((line) => line.split("=", 2) as [string, string]),
  );
}

test("the sweep's wait lets Linux free a job's unix sockets in flight, and refuses what it can't prove gone", () => {
  const seen = runDriver();
  expect(seen).toMatchObject({
    // The sockets of the supervisor and of the template (another process's, known by their fds) are no job's.
    "own-left": "0",
    // A socket a surviving process holds is never waited out: ERROR.
    "survivor-left": "1",
    // A cycle (a socket pair and a bound socket, each in the queue of the pair's second end) whose
    // collector was not scheduled yet, with no time to wait: ERROR.
    "quiet-cycle-no-budget-left": "3",
    // With the kill's time: the released socket schedules the collector, which frees the cycle,
    // and the name it held is free again (the kernel's bind says so).
    "quiet-cycle-left": "0",
    "quiet-cycle-bind": "0",
    // The isolation tests' attack program: a cycle holding a bound name, an flock, a file of /tmp.
    planted: "yes",
    "attack-left": "0",
    "attack-bind": "0",
    "attack-flock": "0",
  });
});

import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { imagesRoot } from "../../src/images/package-root.js";

/**
 * The supervisor's wait for the unix sockets a job left in flight (unix_sockets.c), on the host
 * kernel and under gVisor without Docker: gcc builds it with the supervisor's other units (all
 * but its main) and the driver unix-sockets-settle.c, which runs in network and mount namespaces
 * of its own (so that /proc/net/unix lists its sockets alone, and it may mount a tmpfs) and
 * prints what the wait answered. Needs gcc, `unshare` (as root or as a user who may make a user
 * namespace) and gVisor's `runsc` (scripts/setup installs it); fails without them.
 * The engine's side (the container replaced under gVisor): isolation/inflight-sockets.test.ts
 * and isolation/runsc-inflight-fills-tmp.test.ts; the late release through the engine:
 * isolation/late-release.test.ts.
 */

/** Rounds of the late release on the host kernel, in one run of the driver. */
const LATE_ROUNDS = 10;

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

let built: { driver: string; attack: string } | undefined;

/** Builds the driver and the attack program, once. */
function builds(): { driver: string; attack: string } {
  if (built) return built;
  const units = readdirSync(SUPERVISOR)
    .filter((name) => name.endsWith(".c") && name !== "supervisor.c")
    .map((name) => join(SUPERVISOR, name));
  const driver = gcc("settle", SUPERVISOR, [
    join(import.meta.dirname, "unix-sockets-settle.c"),
    ...units,
  ]);
  const attack = gcc("inflight-cycle", PROGRAMS, [join(PROGRAMS, "inflight-cycle.c")]);
  built = { driver, attack };
  return built;
}

const asRoot = process.getuid?.() === 0;

/**
 * The driver's key=value lines, after a run on the host kernel in fresh network, pid and mount
 * namespaces, or in a gVisor sandbox of its own (`runsc do`, no network), with `lateRounds`
 * rounds of the late release.
 */
function runDriver(kernel: "host" | "gVisor", lateRounds: number): Record<string, string> {
  const { driver, attack } = builds();
  const [command, args] =
    kernel === "host"
      ? [
          "unshare",
          [
            ...(asRoot ? [] : ["--user", "--map-root-user"]),
            "--net",
            "--pid",
            "--fork",
            "--mount-proc",
          ],
        ]
      : ["runsc", [...(asRoot ? [] : ["--rootless"]), "--network=none", "do"]];
  const stdout = execFileSync(command, [...args, driver, attack, String(lateRounds)], {
    encoding: "utf8",
    timeout: 50_000,
  });
  return Object.fromEntries(
    stdout
      .trim()
      .split("\n")
      .map((line) => line.split("=", 2) as [string, string]),
  );
}

test("the sweep's wait lets Linux free a job's unix sockets in flight, and refuses what it can't prove gone", () => {
  const seen = runDriver("host", LATE_ROUNDS);
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
    // An flock and 48 MiB of a tmpfs in the queue of a socket S, S in the queue of a cycle
    // (isolation/programs/late-release.py's plant): the list is clean once S is released, but
    // the kernel worker that released it closes what S's queue held only in its next pass. So
    // right after the list is clean both are still held (the gap, every round here on 6.18; a
    // kernel whose collector ran in the releasing task would have none: this fails there), and
    // after the two probes of unix_sockets_released neither is, in every round.
    "late-planted": String(LATE_ROUNDS),
    "late-listed": "0",
    "late-held-after-settle": expect.not.stringMatching(/^0$/),
    "late-probes-failed": "0",
    "late-held-after-probes": "0",
  });
});

test("under gVisor, which has no collector, a job's sockets in flight stay listed and the probes are skipped", () => {
  const seen = runDriver("gVisor", 1);
  expect(seen).toMatchObject({
    // The start-up probe's cycle stays listed for good: the supervisor's own, known by inode.
    "own-left": "0",
    "survivor-left": "1",
    "quiet-cycle-no-budget-left": "3",
    // Nothing frees a cycle: the WIPE says ERROR and the engine replaces the container.
    "quiet-cycle-left": "3",
    "quiet-cycle-bind": "-98",
    "attack-left": "5",
    "attack-flock": "-11",
    "late-planted": "1",
    "late-listed": "1",
    // No probe waits for a collector that never comes (the listed sockets already mean ERROR).
    "late-probes-failed": "0",
    "late-held-after-probes": "1",
  });
});

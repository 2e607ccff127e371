import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The cgroup v2 lane runs cgroup-v2.test.ts against the Docker daemon of a cgroup v2 VM
 * (scripts/cgroup-v2-vm; global-setup.ts boots it). Its global set-up names the VM's `exec`
 * script and the folder of the lane's compiled programs in these variables.
 */
export const VM_EXEC_VARIABLE = "WARMBOX_TEST_VM_EXEC";
export const PROGRAMS_VARIABLE = "WARMBOX_TEST_CGROUP_V2_PROGRAMS";

/**
 * Languages whose images the VM gets. Python alone: its template starts a run in a moment even
 * emulated, and the lane's C programs are compiled once on the host (global-setup.ts) and run
 * from Python, so no compiler runs in the VM. Each image more costs minutes under emulation.
 */
export const CGROUP_V2_LANE_LANGUAGES: readonly string[] = ["python"];

/**
 * The lane's C programs (test/cgroup-v2/programs and, with survivor.h, the survivor attacks of
 * test/isolation/programs), compiled statically by global-setup.ts with the host's C image.
 */
export const CGROUP_V2_LANE_PROGRAMS = {
  lane: [
    "cpu-of-threads-and-orphan.c",
    "spin-threads.c",
    "touch-64mib.c",
    "fork-until-refused.c",
    "daemon.c",
    "ignores-signals.c",
  ],
  isolation: ["observer.c", "new-group-and-session.c"],
} as const;

/**
 * The default limits of the lane's engine. Where KVM doesn't work the VM is emulated (TCG),
 * several times slower than the host. Cases whose point is a limit set their own and keep it.
 */
export const CGROUP_V2_LANE_LIMITS = {
  defaultLimits: { timeMs: 60_000, cpuMs: 60_000 },
  maxLimits: { timeMs: 120_000, cpuMs: 120_000 },
} as const;

function variable(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: not in the cgroup v2 lane (npm run test:cgroup-v2)`);
  return value;
}

/** A compiled lane program (its file name without `.c`), as base64. */
export function laneProgram(name: string): string {
  return readFileSync(join(variable(PROGRAMS_VARIABLE), name)).toString("base64");
}

/** Runs `script` with sh as root in the VM's own namespaces and returns its stdout. */
export function runInVm(script: string): string {
  return execFileSync(variable(VM_EXEC_VARIABLE), ["sh", "-c", script], {
    encoding: "utf8",
    maxBuffer: 64 * 1_048_576,
    // Emulated and on a loaded machine, one command can take minutes.
    timeout: 600_000,
  });
}

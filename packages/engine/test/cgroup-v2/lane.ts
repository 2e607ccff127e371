import { execFileSync } from "node:child_process";

/**
 * The cgroup v2 lane re-runs a focused part of the Docker suite against the Docker daemon of a
 * cgroup v2 VM (scripts/cgroup-v2-vm; global-setup.ts boots it). Its global set-up names the
 * VM's `exec` script in this variable; the tests then look at the VM's processes, not the host's.
 */
const VM_EXEC_VARIABLE = "WARMBOX_TEST_VM_EXEC";

/**
 * Languages of the lane's test files: their images are loaded into the VM. Python and C cover
 * every cgroup path (threads, OOM, output, pids, survivors); each image more costs minutes of
 * loading in an emulated VM.
 */
export const CGROUP_V2_LANE_LANGUAGES: readonly string[] = ["python", "c"];

/**
 * The default limits of the lane's test engines. Where KVM doesn't work the VM is emulated
 * (TCG), several times slower than the host: a compile takes longer than the usual 15 s and a
 * short program longer than 5 s. Cases whose point is a time limit set their own and keep it.
 */
export const CGROUP_V2_LANE_LIMITS = {
  defaultCompileLimits: { timeMs: 120_000, cpuMs: 120_000 },
  defaultLimits: { timeMs: 60_000, cpuMs: 60_000 },
  maxLimits: { timeMs: 120_000, cpuMs: 120_000 },
} as const;

/** Whether this test process runs in the cgroup v2 lane. */
export function inCgroupV2Lane(): boolean {
  return Boolean(process.env[VM_EXEC_VARIABLE]);
}

/**
 * The languages a shared test file can use here: all of `languages` outside the lane, those
 * the VM has in it. Cases of the others are skipped there (vitest lists them as skipped).
 */
export function languagesHere(languages: readonly string[]): string[] {
  return inCgroupV2Lane()
    ? languages.filter((id) => CGROUP_V2_LANE_LANGUAGES.includes(id))
    : [...languages];
}

/** Runs `script` with sh as root in the VM's own namespaces and returns its stdout. */
export function runInVm(script: string): string {
  const exec = process.env[VM_EXEC_VARIABLE];
  if (!exec) throw new Error(`${VM_EXEC_VARIABLE} is not set: not in the cgroup v2 lane`);
  return execFileSync(exec, ["sh", "-c", script], {
    encoding: "utf8",
    maxBuffer: 64 * 1_048_576,
    // Emulated and on a loaded machine, one command can take minutes.
    timeout: 600_000,
  });
}

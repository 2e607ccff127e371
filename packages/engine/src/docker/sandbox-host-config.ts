import type Dockerode from "dockerode";
import type { ContainerResources } from "../request/limits.js";
import type { SandboxRuntime } from "../sandbox/sandbox-runtime.js";

/** The sandbox user's gid, shared by every sandbox (each has a uid of its own: sandbox-uids.ts). */
const SANDBOX_GID = 1000;
/** Size of the writable work directory and of /tmp; both count toward the memory limit too. */
export const WORK_DIR_SIZE_MB = 64;
export const TMP_SIZE_MB = 64;
export const SHM_SIZE_BYTES = 16 * 1_048_576;
/**
 * The Docker network a sandbox joins when its run may use the network: the engine's own,
 * filtered one (sandbox-network.ts), never Docker's default bridge, which reaches the host.
 */
export const DEFAULT_SANDBOX_NETWORK = "warmbox-sandbox";
/** Files and directories each writable tmpfs holds at most. */
export const TMPFS_INODES = 16_384;
/** Processes of the container that are not the program's: docker-init and the supervisor. */
const SUPERVISOR_PROCESSES = 2;
const MIB = 1_048_576;

/**
 * The cgroup side of a stage's limits, as Docker's resource fields (create and update).
 *
 * Under gVisor the host's pids cgroup would count the Sentry's own threads, not the program's
 * (a low limit stops the sandbox from starting at all): the processes are bounded by
 * RLIMIT_NPROC instead (sandboxHostConfig), which gVisor's kernel counts for the sandbox user
 * in this sandbox alone.
 */
export function dockerResources(resources: ContainerResources, runtime: SandboxRuntime = "runc") {
  return {
    Memory: resources.memoryMb * MIB,
    // Equal to Memory: no swap, so the limit is a real limit.
    MemorySwap: resources.memoryMb * MIB,
    NanoCpus: Math.round(resources.cpus * 1e9),
    ...(runtime === "runc" && { PidsLimit: resources.processes + SUPERVISOR_PROCESSES }),
  };
}

/**
 * The HostConfig of every sandbox container: read-only root, writable tmpfs only, no network
 * unless allowed, no new privileges, an init that reaps orphans. Every capability is dropped but
 * the five the supervisor needs: SETUID/SETGID to switch to the sandbox user, KILL to kill every
 * process of a job as root (without sharing the sandbox's uid), SETPCAP to empty the bounding set
 * of each stage's process (which runs with no capability at all), SYS_NICE to put its own
 * scheduling back if it was changed.
 *
 * No OomScoreAdj: each stage's process raises its own to 1000, so the OOM killer takes a program
 * before the supervisor; a hostile program may lower its own again, but only down to the
 * container's floor, which is always the supervisor's own value, whatever OomScoreAdj says (and
 * a negative one needs CAP_SYS_RESOURCE in the Docker daemon, which not every daemon has). A
 * supervisor the OOM killer takes anyway ends the container, which the engine replaces.
 */
export function sandboxHostConfig(
  resources: ContainerResources,
  /** The uid the container's programs run as, which owns its work directory. */
  sandboxUid: number,
  network: string = DEFAULT_SANDBOX_NETWORK,
  runtime: SandboxRuntime = "runc",
): Dockerode.HostConfig {
  // nr_inodes: without it a tmpfs allows millions of files, and creating them would run the
  // memory limit out before the file system says "no space left".
  const tmpfsOptions = `rw,exec,nosuid,nodev,nr_inodes=${TMPFS_INODES}`;
  return {
    // Docker's runtime of that name; scripts/ensure-runsc registers gVisor's as `runsc`.
    Runtime: runtime,
    ...dockerResources(resources, runtime),
    MemorySwappiness: 0,
    NetworkMode: resources.network ? network : "none",
    ReadonlyRootfs: true,
    Tmpfs: {
      "/box": `${tmpfsOptions},size=${WORK_DIR_SIZE_MB}m,uid=${sandboxUid},gid=${SANDBOX_GID},mode=0755`,
      "/tmp": `${tmpfsOptions},size=${TMP_SIZE_MB}m,mode=1777`,
    },
    ShmSize: SHM_SIZE_BYTES,
    CapDrop: ["ALL"],
    CapAdd: ["SETUID", "SETGID", "KILL", "SETPCAP", "SYS_NICE"],
    SecurityOpt: ["no-new-privileges"],
    Init: true,
    IpcMode: "private",
    // The container's network namespace outlives each job, so it must keep nothing of one:
    // without TIME_WAIT buckets a TCP connection a job closed first is gone with it, instead of
    // holding its port for 60 s (a later job's bind() to it would fail); and no TCP metrics
    // cache, which any later job could list (the addresses a job talked to, their RTTs).
    Sysctls: { "net.ipv4.tcp_max_tw_buckets": "0", "net.ipv4.tcp_no_metrics_save": "1" },
    Ulimits: [
      { Name: "nofile", Soft: 4096, Hard: 4096 },
      { Name: "core", Soft: 0, Hard: 0 },
      // gVisor's kernel counts the sandbox user's tasks of this sandbox only (the host's kernel
      // counts that uid across every container, so under runc the pids cgroup does it).
      ...(runtime === "runsc"
        ? [{ Name: "nproc", Soft: resources.processes, Hard: resources.processes }]
        : []),
    ],
    LogConfig: { Type: "none", Config: {} },
    AutoRemove: false,
  };
}

import { describe, expect, it } from "vitest";
import { dockerResources, sandboxHostConfig } from "./sandbox-host-config.js";

describe("sandboxHostConfig", () => {
  const resources = { memoryMb: 256, cpus: 0.5, processes: 64, network: false };

  it("locks the container down", () => {
    const config = sandboxHostConfig(resources, 50_000);
    expect(config).toMatchObject({
      NetworkMode: "none",
      ReadonlyRootfs: true,
      CapDrop: ["ALL"],
      CapAdd: ["SETUID", "SETGID", "KILL", "SETPCAP", "SYS_NICE"],
      SecurityOpt: ["no-new-privileges"],
      Init: true,
      IpcMode: "private",
      Sysctls: { "net.ipv4.tcp_max_tw_buckets": "0", "net.ipv4.tcp_no_metrics_save": "1" },
    });
    expect(Object.keys(config.Tmpfs ?? {})).toEqual(["/box", "/tmp"]);
    expect(config.Tmpfs?.["/box"]).toContain("nosuid");
    expect(config.Tmpfs?.["/box"]).toContain("uid=50000,gid=1000,");
    expect(config.Binds).toBeUndefined();
  });

  it("turns limits into cgroup settings with no swap", () => {
    expect(dockerResources(resources)).toEqual({
      Memory: 256 * 1_048_576,
      MemorySwap: 256 * 1_048_576,
      NanoCpus: 500_000_000,
      PidsLimit: 66,
    });
  });

  it("gives a network only when allowed: the engine's filtered one, never Docker's bridge", () => {
    expect(sandboxHostConfig({ ...resources, network: true }, 50_000).NetworkMode).toBe(
      "warmbox-sandbox",
    );
    expect(
      sandboxHostConfig({ ...resources, network: true }, 50_000, "egress-filtered").NetworkMode,
    ).toBe("egress-filtered");
    expect(sandboxHostConfig(resources, 50_000, "egress-filtered").NetworkMode).toBe("none");
  });

  it("runs gVisor bounding processes by RLIMIT_NPROC", () => {
    expect(sandboxHostConfig(resources, 50_000).Runtime).toBe("runc");
    const gvisor = sandboxHostConfig(resources, 50_000, undefined, "runsc");
    expect(gvisor.Runtime).toBe("runsc");
    // The host's pids cgroup would count gVisor's own threads: no PidsLimit under runsc.
    expect(gvisor.PidsLimit).toBeUndefined();
    expect(gvisor.Ulimits).toContainEqual({ Name: "nproc", Soft: 64, Hard: 64 });
    expect(sandboxHostConfig(resources, 50_000).Ulimits?.map((limit) => limit.Name)).not.toContain(
      "nproc",
    );
    expect(dockerResources(resources, "runsc")).not.toHaveProperty("PidsLimit");
  });
});

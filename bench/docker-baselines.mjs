import { Writable } from "node:stream";
import Dockerode from "dockerode";

const docker = new Dockerode();

/**
 * The floor: a command run many times inside an already running container, timed from inside
 * with bash's $EPOCHREALTIME (no extra process per sample). `runtime`: Docker's runtime of the
 * container ("runc", or "runsc" for gVisor); `memoryMb`: its memory limit (none when unset).
 */
export async function floorSamples(
  image,
  command,
  { count, setup = "", runtime = "runc", memoryMb },
) {
  const script = [
    setup,
    `for i in $(seq ${count + 3}); do s=$EPOCHREALTIME; ${command} >/dev/null; e=$EPOCHREALTIME; echo "$s $e"; done`,
  ].join("\n");
  const container = await docker.createContainer({
    Image: image,
    User: "sandbox",
    WorkingDir: "/tmp",
    Cmd: ["sleep", "infinity"],
    HostConfig: {
      NetworkMode: "none",
      AutoRemove: false,
      Runtime: runtime,
      ...(memoryMb ? { Memory: memoryMb * 1_048_576 } : {}),
    },
  });
  try {
    await container.start();
    const exec = await container.exec({
      Cmd: ["bash", "-c", script],
      AttachStdout: true,
      AttachStderr: true,
    });
    const stream = await exec.start({ hijack: true, stdin: false });
    const chunks = [];
    const stdout = { write: (chunk) => chunks.push(chunk) };
    docker.modem.demuxStream(stream, stdout, { write: () => {} });
    await new Promise((resolve) => stream.on("end", resolve));
    const lines = Buffer.concat(chunks).toString().trim().split("\n").slice(3);
    return lines.map((line) => {
      const [start, end] = line.split(" ").map(Number);
      return (end - start) * 1000;
    });
  } finally {
    await container.remove({ force: true });
  }
}

/** The naive peer: `docker run --rm image cmd` per execution, through dockerode. */
export async function naiveDockerRun(image, cmd) {
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const [result] = await docker.run(image, cmd, sink, {
    User: "sandbox",
    HostConfig: { AutoRemove: true, NetworkMode: "none" },
  });
  if (result.StatusCode !== 0) throw new Error(`docker run exited ${result.StatusCode}`);
}

/**
 * Host memory of each idle sandbox of an engine: its cgroup's usage plus its containerd shim's
 * RSS, with the sandbox's language.
 */
export async function idleSandboxMemory(engineId) {
  const { readFile, readdir } = await import("node:fs/promises");
  const containers = await docker.listContainers({
    filters: { label: [`dev.warmbox.engine=${engineId}`] },
  });
  const shims = new Map();
  for (const pid of await readdir("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
    if (!cmdline.startsWith("/usr/bin/containerd-shim")) continue;
    const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
    const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
    const id = /-id\0([0-9a-f]{64})/.exec(cmdline)?.[1];
    if (id) shims.set(id, rss);
  }
  const perSandbox = [];
  for (const info of containers) {
    const usage = await readFile(
      `/sys/fs/cgroup/memory/docker/${info.Id}/memory.usage_in_bytes`,
      "utf8",
    ).catch(() => "0");
    perSandbox.push({
      language: info.Labels["dev.warmbox.language"],
      cgroup: Number(usage),
      shim: shims.get(info.Id) ?? 0,
    });
  }
  return perSandbox;
}

export async function dockerVersion() {
  return (await docker.version()).Version;
}

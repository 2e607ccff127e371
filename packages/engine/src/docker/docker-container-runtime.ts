import { type Duplex, Readable } from "node:stream";
import Dockerode from "dockerode";
import { extract } from "tar-stream";
import { RuntimeNotRegisteredError } from "../errors/engine-errors.js";
import type { ContainerResources } from "../request/limits.js";
import type {
  ContainerChannel,
  ContainerRuntime,
  LabelledContainer,
  SandboxContainerSpec,
  StartedContainer,
} from "../sandbox/container-runtime.js";
import type { SandboxRuntime } from "../sandbox/sandbox-runtime.js";
import { AttachDemuxer } from "./attach-demuxer.js";
import { imageExists } from "./docker-images.js";
import {
  DEFAULT_SANDBOX_NETWORK,
  dockerResources,
  sandboxHostConfig,
} from "./sandbox-host-config.js";
import { prepareSandboxNetwork } from "./sandbox-network.js";
import { LABEL_SANDBOX_UID, SandboxUidPicker, sandboxUidContainerName } from "./sandbox-uids.js";

/** The content of the first file in a tar stream (a version file: a few bytes). */
async function firstFileOf(archive: NodeJS.ReadableStream): Promise<string> {
  const reader = extract();
  Readable.from(archive).pipe(reader as unknown as NodeJS.WritableStream);
  for await (const entry of reader) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }
  return "";
}

/**
 * A container whose supervisor died stops within moments under runc; under gVisor the runtime
 * first tears down the Sentry, its gofer and the shim, which on a loaded host took more than a
 * second (the run was then reported internal_error, not memory_limit). Wait up to 10 s to read
 * why; only a broken sandbox waits, and it is replaced anyway.
 */
const OOM_CHECK_ATTEMPTS = 100;
const OOM_CHECK_INTERVAL_MS = 100;

function channelOver(socket: Duplex): ContainerChannel {
  const dataListeners: Array<(data: Buffer) => void> = [];
  const diagnosticListeners: Array<(text: string) => void> = [];
  const closeListeners: Array<(error?: Error) => void> = [];
  let closed = false;
  // The supervisor may speak before anyone listens (its hello races the caller): keep it.
  let early: Buffer[] | undefined = [];
  const demuxer = new AttachDemuxer(
    (data) => {
      if (early) early.push(data);
      else for (const listener of dataListeners) listener(data);
    },
    (data) => {
      for (const listener of diagnosticListeners) listener(data.toString());
    },
  );
  const finish = (error?: Error) => {
    if (closed) return;
    closed = true;
    for (const listener of closeListeners) listener(error);
  };
  socket.on("data", (chunk: Buffer) => {
    try {
      demuxer.push(chunk);
    } catch (error) {
      finish(error as Error);
      socket.destroy();
    }
  });
  socket.on("end", () => finish());
  socket.on("close", () => finish());
  socket.on("error", (error: Error) => finish(error));
  return {
    write: (data) => (closed ? true : socket.write(data)),
    drained: () =>
      closed || !socket.writableNeedDrain
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const done = () => {
              socket.off("drain", done);
              socket.off("close", done);
              resolve();
            };
            socket.on("drain", done);
            socket.on("close", done);
          }),
    onData: (listener) => {
      dataListeners.push(listener);
      const pending = early ?? [];
      early = undefined;
      for (const data of pending) listener(data);
    },
    onDiagnostics: (listener) => diagnosticListeners.push(listener),
    onClose: (listener) => closeListeners.push(listener),
    close: () => socket.destroy(),
  };
}

/** The ContainerRuntime over a real Docker daemon, through dockerode. */
export class DockerContainerRuntime implements ContainerRuntime {
  readonly #uids = new SandboxUidPicker();

  constructor(
    readonly docker: Dockerode,
    /** The network of sandboxes whose run may use the network. */
    private readonly sandboxNetwork: string = DEFAULT_SANDBOX_NETWORK,
  ) {}

  static connect(
    docker?: Dockerode | Dockerode.DockerOptions,
    sandboxNetwork?: string,
  ): DockerContainerRuntime {
    const client = docker instanceof Dockerode ? docker : new Dockerode(docker);
    return new DockerContainerRuntime(client, sandboxNetwork);
  }

  async ping(): Promise<void> {
    await this.docker.ping();
  }

  async checkRuntime(runtime: SandboxRuntime): Promise<void> {
    const info = (await this.docker.info()) as { Runtimes?: Record<string, unknown> };
    const registered = Object.keys(info.Runtimes ?? {});
    if (!registered.includes(runtime)) throw new RuntimeNotRegisteredError(runtime, registered);
  }

  imageExists(image: string): Promise<boolean> {
    return imageExists(this.docker, image);
  }

  async readImageFile(image: string, path: string): Promise<string> {
    // A created (never started) container exposes its file system to the archive API.
    const container = await this.docker.createContainer({ Image: image, NetworkDisabled: true });
    try {
      const archive = await container.getArchive({ path });
      return await firstFileOf(archive);
    } finally {
      await this.remove(container.id);
    }
  }

  prepareNetwork(): Promise<void> {
    return prepareSandboxNetwork(this.docker, this.sandboxNetwork);
  }

  async start(spec: SandboxContainerSpec): Promise<StartedContainer> {
    // Re-asserted at every join: a firewall reload since the engine started can't leave a new
    // network-on sandbox unfiltered.
    if (spec.resources.network) await this.prepareNetwork();
    const container = await this.createWithOwnUid(spec);
    try {
      const socket = (await container.attach({
        stream: true,
        stdin: true,
        stdout: true,
        stderr: true,
        hijack: true,
      })) as unknown as Duplex;
      const channel = channelOver(socket);
      await container.start();
      return { id: container.id, channel };
    } catch (error) {
      await this.remove(container.id);
      throw error;
    }
  }

  /**
   * Creates the container with a uid no other container on the daemon holds: the next one the
   * picker finds free in the daemon's list, claimed by the container's name; a uid another
   * engine claimed meanwhile (409, the name is taken) is skipped.
   */
  private async createWithOwnUid(spec: SandboxContainerSpec): Promise<Dockerode.Container> {
    const inUse = await this.sandboxUidsInUse();
    for (;;) {
      const uid = this.#uids.pick(inUse);
      try {
        return await this.createSandboxContainer(spec, uid);
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode !== 409) throw error;
        inUse.add(uid);
      }
    }
  }

  private createSandboxContainer(spec: SandboxContainerSpec, uid: number) {
    return this.docker.createContainer({
      name: sandboxUidContainerName(uid),
      Image: spec.image,
      User: "0:0",
      Cmd: ["/usr/local/bin/warmbox-supervisor"],
      WorkingDir: "/box",
      Env: ["LANG=C.UTF-8", `WARMBOX_SANDBOX_UID=${uid}`],
      Labels: { ...spec.labels, [LABEL_SANDBOX_UID]: String(uid) },
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      OpenStdin: true,
      StdinOnce: false,
      Tty: false,
      NetworkDisabled: !spec.resources.network,
      HostConfig: sandboxHostConfig(spec.resources, uid, this.sandboxNetwork, spec.runtime),
    });
  }

  /** The uids of every container on the daemon (any engine's) that holds one. */
  private async sandboxUidsInUse(): Promise<Set<number>> {
    const containers = await this.docker.listContainers({
      all: true,
      filters: { label: [LABEL_SANDBOX_UID] },
    });
    return new Set(containers.map((info) => Number(info.Labels[LABEL_SANDBOX_UID])));
  }

  async hostMemoryBytes(): Promise<number> {
    const info = (await this.docker.info()) as { MemTotal?: number };
    return info.MemTotal ?? 0;
  }

  async update(id: string, resources: ContainerResources, runtime: SandboxRuntime): Promise<void> {
    // runsc has no `update` command: Docker would fail after a round trip.
    if (runtime === "runsc") throw new Error("gVisor can't change a running sandbox's limits");
    await this.docker.getContainer(id).update(dockerResources(resources, runtime));
  }

  async diedOfOom(id: string): Promise<boolean> {
    const container = this.docker.getContainer(id);
    try {
      for (let attempt = 0; attempt < OOM_CHECK_ATTEMPTS; attempt++) {
        const { State } = await container.inspect();
        if (!State.Running) return State.OOMKilled;
        await new Promise((resolve) => setTimeout(resolve, OOM_CHECK_INTERVAL_MS));
      }
    } catch {
      // Gone or Docker away: not an OOM we can prove.
    }
    return false;
  }

  async remove(id: string): Promise<void> {
    try {
      await this.docker.getContainer(id).remove({ force: true, v: true });
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      // 404: already gone; 409: removal already in progress.
      if (status !== 404 && status !== 409) throw error;
    }
  }

  async list(labels: Record<string, string>): Promise<LabelledContainer[]> {
    const containers = await this.docker.listContainers({
      all: true,
      filters: { label: Object.entries(labels).map(([key, value]) => `${key}=${value}`) },
    });
    return containers.map((info) => ({
      id: info.Id,
      labels: info.Labels,
      state: info.State,
      createdAt: info.Created * 1_000,
    }));
  }
}

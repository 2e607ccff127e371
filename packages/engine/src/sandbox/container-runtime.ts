import type { ContainerResources } from "../request/limits.js";
import type { SandboxRuntime } from "./sandbox-runtime.js";

/** The attached stdin/stdout of a container, the supervisor's end of the protocol. */
export interface ContainerChannel {
  /** Queues bytes for the supervisor; false when the stream's buffer is full (see `drained`). */
  write(data: Buffer): boolean;
  /** Resolves once the queued bytes have gone out to Docker, or the stream closed. */
  drained(): Promise<void>;
  /** Bytes the supervisor wrote to its stdout. */
  onData(listener: (data: Buffer) => void): void;
  /** The supervisor's stderr (its diagnostics), for logs. */
  onDiagnostics(listener: (text: string) => void): void;
  /** The stream ended: the container stopped, was removed, or Docker went away. */
  onClose(listener: (error?: Error) => void): void;
  close(): void;
}

export interface SandboxContainerSpec {
  image: string;
  resources: ContainerResources;
  labels: Record<string, string>;
  /** The OCI runtime that runs it. */
  runtime: SandboxRuntime;
}

export interface StartedContainer {
  id: string;
  channel: ContainerChannel;
}

export interface LabelledContainer {
  id: string;
  labels: Record<string, string>;
  /** Docker's state: "running", "exited", "created", ... */
  state: string;
  /** When it was created (ms since the epoch). */
  createdAt: number;
}

/**
 * Everything the engine needs from Docker, behind one seam: pools and execution never
 * import dockerode. The Docker implementation is docker/docker-container-runtime.ts.
 */
export interface ContainerRuntime {
  /** Resolves when the daemon answers. */
  ping(): Promise<void>;
  /**
   * Throws RuntimeNotRegisteredError when the daemon can't run sandboxes with `runtime`, saying
   * how to register it.
   */
  checkRuntime(runtime: SandboxRuntime): Promise<void>;
  imageExists(image: string): Promise<boolean>;
  /** The text of a small file of an image, read without starting a container. */
  readImageFile(image: string, path: string): Promise<string>;
  /**
   * Makes the network of sandboxes allowed the network, with its filter (no host, no private
   * ranges, no metadata service, no other sandbox). Throws an error saying why it can't.
   */
  prepareNetwork(): Promise<void>;
  /** Creates a locked-down container, attaches to its stdio, starts it. */
  start(spec: SandboxContainerSpec): Promise<StartedContainer>;
  /** Total memory of the Docker daemon's host in bytes (`MemTotal`); 0 when it reports none. */
  hostMemoryBytes(): Promise<number>;
  /**
   * Changes the cgroup limits of a running container; throws when its runtime can't (gVisor's
   * runsc has no update).
   */
  update(id: string, resources: ContainerResources, runtime: SandboxRuntime): Promise<void>;
  /**
   * Whether a container that broke was stopped by its cgroup's OOM killer (waits briefly for
   * it to stop). Used on the failure path only. False when unknown.
   */
  diedOfOom(id: string): Promise<boolean>;
  /** Kills and removes a container; a missing one is not an error. */
  remove(id: string): Promise<void>;
  /** Containers (running or not) carrying every given label. */
  list(labels: Record<string, string>): Promise<LabelledContainer[]>;
}

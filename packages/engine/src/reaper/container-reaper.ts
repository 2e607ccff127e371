import { hostname } from "node:os";
import {
  LABEL_ENGINE,
  LABEL_ENGINE_HOST,
  LABEL_ENGINE_PID,
  LABEL_MANAGED,
} from "../engine/container-labels.js";
import type { Logger } from "../engine/engine-types.js";
import type { ContainerRuntime, LabelledContainer } from "../sandbox/container-runtime.js";

/** How often an engine removes its own containers that stopped under it (daemon restarts). */
const SWEEP_INTERVAL_MS = 15_000;

/** Docker's states of a container that has stopped and won't run again by itself. */
const STOPPED_STATES: ReadonlySet<string> = new Set(["exited", "dead"]);

/**
 * How long a container may stay "created" before the sweep takes it for one whose start
 * failed and whose removal failed too (the daemon restarting under the engine leaves such).
 * A sandbox between its create and its start is "created" as well: on a slow daemon, such as
 * the cgroup v2 lane's emulated VM, for up to 90 s.
 */
export const STUCK_CREATED_MS = 120_000;

function stopped(container: LabelledContainer, now: number): boolean {
  if (STOPPED_STATES.has(container.state)) return true;
  return container.state === "created" && now - container.createdAt > STUCK_CREATED_MS;
}

export interface ContainerReaperOptions {
  runtime: ContainerRuntime;
  /** The engine whose containers `sweep` and `removeAll` remove. */
  engineId: string;
  /** The only Warmbox engine on its daemon: every other Warmbox container is a leftover. */
  exclusiveDaemon: boolean;
  logger: Logger;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes Warmbox containers by their labels (container-labels.ts), never any other: at start
 * those that dead engines left behind, while running this engine's own that stopped under it,
 * and at close all of this engine's.
 */
export class ContainerReaper {
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: ContainerReaperOptions) {}

  /**
   * Removes the containers that engines of this host left behind when they died (SIGKILL, a
   * crash): those whose engine process no longer exists. Containers of live engines are never
   * touched. With `exclusiveDaemon`, every Warmbox container on the daemon is a leftover.
   * Returns how many were removed.
   */
  async reapDeadEngines(): Promise<number> {
    const reaped = await this.#remove(await this.#leftByDeadEngines());
    if (reaped > 0) this.options.logger.info({ reaped }, "removed containers left by dead engines");
    return reaped;
  }

  /** From now until `stop()`, removes this engine's stopped containers every 15 s. */
  sweepStopped(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      this.removeStopped().catch(() => {
        // Docker is away; the next round tries again.
      });
    }, SWEEP_INTERVAL_MS);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /**
   * Removes this engine's containers that have stopped (exited or dead) or stayed "created"
   * past STUCK_CREATED_MS; returns how many.
   */
  async removeStopped(): Promise<number> {
    const own = await this.#own();
    const now = Date.now();
    return this.#remove(own.filter((container) => stopped(container, now)));
  }

  /** Removes every container of this engine, whatever its state (when it closes). */
  async removeAll(): Promise<number> {
    return this.#remove(await this.#own());
  }

  async #leftByDeadEngines(): Promise<LabelledContainer[]> {
    const { runtime } = this.options;
    // The only engine on this daemon: whatever Warmbox container exists was left by a dead one.
    if (this.options.exclusiveDaemon) return runtime.list({ [LABEL_MANAGED]: "true" });
    const containers = await runtime.list({
      [LABEL_MANAGED]: "true",
      [LABEL_ENGINE_HOST]: hostname(),
    });
    return containers.filter((container) => {
      const pid = Number(container.labels[LABEL_ENGINE_PID]);
      return Number.isInteger(pid) && pid > 0 && !processAlive(pid);
    });
  }

  #own(): Promise<LabelledContainer[]> {
    return this.options.runtime.list({ [LABEL_ENGINE]: this.options.engineId });
  }

  async #remove(containers: LabelledContainer[]): Promise<number> {
    await Promise.all(containers.map((container) => this.options.runtime.remove(container.id)));
    return containers.length;
  }
}

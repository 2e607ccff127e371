import { hostname } from "node:os";
import type { ContainerRuntime } from "../sandbox/container-runtime.js";

/** Every container Warmbox creates carries these labels, so that it can be found and reaped. */
export const LABEL_MANAGED = "dev.warmbox.managed";
export const LABEL_ENGINE = "dev.warmbox.engine";
export const LABEL_ENGINE_HOST = "dev.warmbox.engine-host";
export const LABEL_ENGINE_PID = "dev.warmbox.engine-pid";
export const LABEL_LANGUAGE = "dev.warmbox.language";

export function sandboxLabels(engineId: string, language: string): Record<string, string> {
  return {
    [LABEL_MANAGED]: "true",
    [LABEL_ENGINE]: engineId,
    [LABEL_ENGINE_HOST]: hostname(),
    [LABEL_ENGINE_PID]: String(process.pid),
    [LABEL_LANGUAGE]: language,
  };
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
 * Removes the containers that engines of this host left behind when they died (SIGKILL, a
 * crash): those whose engine process no longer exists. Containers without Warmbox's labels,
 * and those of live engines, are never touched. Returns how many were removed.
 * With `exclusiveDaemon`, every Warmbox container on the daemon is a leftover.
 */
export async function reapDeadEngines(
  runtime: ContainerRuntime,
  options: { exclusiveDaemon: boolean },
): Promise<number> {
  if (options.exclusiveDaemon) {
    // The only engine on this daemon: whatever Warmbox container exists was left by a dead one.
    const leftovers = await runtime.list({ [LABEL_MANAGED]: "true" });
    await Promise.all(leftovers.map((container) => runtime.remove(container.id)));
    return leftovers.length;
  }
  const containers = await runtime.list({
    [LABEL_MANAGED]: "true",
    [LABEL_ENGINE_HOST]: hostname(),
  });
  const dead = containers.filter((container) => {
    const pid = Number(container.labels[LABEL_ENGINE_PID]);
    return Number.isInteger(pid) && pid > 0 && !processAlive(pid);
  });
  await Promise.all(dead.map((container) => runtime.remove(container.id)));
  return dead.length;
}

/**
 * Removes this engine's containers: the stopped ones only (left by a daemon restart), or all
 * of them (when the engine closes).
 */
export async function removeEngineContainers(
  runtime: ContainerRuntime,
  engineId: string,
  which: { running: boolean },
): Promise<number> {
  const containers = await runtime.list({ [LABEL_ENGINE]: engineId });
  const doomed = containers.filter((container) => which.running || container.state !== "running");
  await Promise.all(doomed.map((container) => runtime.remove(container.id)));
  return doomed.length;
}

import { spawnSync } from "node:child_process";
import { hostname } from "node:os";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { LABEL_ENGINE_HOST, LABEL_ENGINE_PID, sandboxLabels } from "../engine/container-labels.js";
import type { ContainerRuntime, LabelledContainer } from "../sandbox/container-runtime.js";
import { ContainerReaper, STUCK_CREATED_MS } from "./container-reaper.js";

/** The pid of a process that has exited. */
function deadPid(): number {
  const { pid } = spawnSync(process.execPath, ["-e", ""]);
  if (!pid) throw new Error("could not start a process");
  return pid;
}

/** Labels of a container made by an engine of `host` running as `pid`. */
function labelsOf(engineId: string, pid: number, host = hostname()): Record<string, string> {
  return {
    ...sandboxLabels(engineId, "python"),
    [LABEL_ENGINE_PID]: String(pid),
    [LABEL_ENGINE_HOST]: host,
  };
}

/** A runtime holding `containers`, listing them by label as Docker does, recording removals. */
function runtimeWith(containers: LabelledContainer[]) {
  const removed: string[] = [];
  const runtime = {
    list: async (labels: Record<string, string>) =>
      containers.filter((container) =>
        Object.entries(labels).every(([key, value]) => container.labels[key] === value),
      ),
    remove: async (id: string) => {
      removed.push(id);
    },
  } as unknown as ContainerRuntime;
  return { runtime, removed };
}

const now = Date.now();
const containers: LabelledContainer[] = [
  { id: "dead-engine", labels: labelsOf("gone", deadPid()), state: "running", createdAt: now },
  { id: "live-engine", labels: labelsOf("alive", process.pid), state: "running", createdAt: now },
  { id: "live-stopped", labels: labelsOf("alive", process.pid), state: "exited", createdAt: now },
  { id: "live-starting", labels: labelsOf("alive", process.pid), state: "created", createdAt: now },
  {
    id: "live-stuck",
    labels: labelsOf("alive", process.pid),
    state: "created",
    createdAt: now - STUCK_CREATED_MS - 1_000,
  },
  {
    id: "other-host",
    labels: labelsOf("remote", deadPid(), "elsewhere"),
    state: "running",
    createdAt: now,
  },
  { id: "not-warmbox", labels: { "com.example": "x" }, state: "running", createdAt: now },
];

function reaper(runtime: ContainerRuntime, exclusiveDaemon = false) {
  return new ContainerReaper({
    runtime,
    engineId: "alive",
    exclusiveDaemon,
    logger: pino({ level: "silent" }),
  });
}

describe("ContainerReaper", () => {
  it("at start removes only the containers of dead engines of this host", async () => {
    const { runtime, removed } = runtimeWith(containers);
    expect(await reaper(runtime).reapDeadEngines()).toBe(1);
    expect(removed).toEqual(["dead-engine"]);
  });

  it("with exclusiveDaemon removes every Warmbox container, and nothing else", async () => {
    const { runtime, removed } = runtimeWith(containers);
    expect(await reaper(runtime, true).reapDeadEngines()).toBe(6);
    expect(removed).not.toContain("not-warmbox");
  });

  it("at close removes every container of its own engine", async () => {
    const { runtime, removed } = runtimeWith(containers);
    expect(await reaper(runtime).removeAll()).toBe(4);
    expect(removed.sort()).toEqual(["live-engine", "live-starting", "live-stopped", "live-stuck"]);
  });

  it("while running removes its own stopped containers and those stuck created, never one still being started", async () => {
    const { runtime, removed } = runtimeWith(containers);
    expect(await reaper(runtime).removeStopped()).toBe(2);
    expect(removed.sort()).toEqual(["live-stopped", "live-stuck"]);
  });
});

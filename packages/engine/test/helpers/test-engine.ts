import { randomUUID } from "node:crypto";
import Dockerode from "dockerode";
import { LABEL_ENGINE } from "../../src/engine/container-labels.js";
import { createEngine } from "../../src/engine/create-engine.js";
import type { Engine, EngineOptions } from "../../src/engine/engine-types.js";

export const docker = new Dockerode();

/** An engine with its own id, so a test can count exactly its containers. */
export type TestEngine = Engine & { id: string };

/** A new engine with `options` and an id of its own (`test-…`). */
export function testEngine(options: EngineOptions = {}): TestEngine {
  const id = `test-${randomUUID().slice(0, 8)}`;
  const engine = createEngine({ engineId: id, ...options });
  return Object.assign(engine, { id });
}

/** Containers (running or not) that the engine with this id created and has not removed. */
export async function containersOf(engineId: string): Promise<Dockerode.ContainerInfo[]> {
  return docker.listContainers({ all: true, filters: { label: [`${LABEL_ENGINE}=${engineId}`] } });
}

/** Sandboxes of `language` running a job on the engine now. */
export function busySandboxes(engine: Engine, language: string): number {
  return engine.stats().pools.find((pool) => pool.language === language)?.busy ?? 0;
}

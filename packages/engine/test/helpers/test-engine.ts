import { randomUUID } from "node:crypto";
import Dockerode from "dockerode";
import pino from "pino";
import { LABEL_ENGINE } from "../../src/engine/container-labels.js";
import { createEngine } from "../../src/engine/create-engine.js";
import type { Engine, EngineOptions } from "../../src/engine/engine-types.js";
import { type SandboxRuntime, sandboxRuntimeSchema } from "../../src/sandbox/sandbox-runtime.js";

export const docker = new Dockerode();

/**
 * The runtime every test engine runs its sandboxes with: runc, or the one the lane names in
 * WARMBOX_TEST_RUNTIME (the `docker-runsc` project re-runs the suites under gVisor). A test
 * whose case gVisor makes impossible or different branches on it, and says why.
 */
export const TEST_RUNTIME: SandboxRuntime = sandboxRuntimeSchema.parse(
  process.env.WARMBOX_TEST_RUNTIME ?? "runc",
);

/** True in the lane that runs the sandboxes under gVisor. */
export const UNDER_GVISOR = TEST_RUNTIME === "runsc";

/**
 * Where the test engines log (pino, debug level), when a lane names a file in
 * WARMBOX_TEST_ENGINE_LOG: the cgroup v2 lane does, so that an `internal_error` there can be
 * traced to Docker's or the supervisor's words. Elsewhere the engines stay silent.
 */
const laneLogFile = process.env.WARMBOX_TEST_ENGINE_LOG;
const laneLogger = laneLogFile
  ? pino({ level: "debug" }, pino.destination({ dest: laneLogFile, append: true, sync: true }))
  : undefined;

/** An engine with its own id, so a test can count exactly its containers. */
export type TestEngine = Engine & { id: string };

/** A new engine with `options` and an id of its own (`test-…`). */
export function testEngine(options: EngineOptions = {}): TestEngine {
  const id = `test-${randomUUID().slice(0, 8)}`;
  const engine = createEngine({
    engineId: id,
    runtime: TEST_RUNTIME,
    ...(laneLogger && { logger: laneLogger.child({ engine: id }) }),
    ...options,
  });
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

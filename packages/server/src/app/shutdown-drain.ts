import type { ServerResponse } from "node:http";
import type { FastifyInstance } from "fastify";
import type { ExecutionService } from "../execution/execution-service.js";
import type { Submissions } from "../submissions/submissions.js";

/** After the executions drained, how long answers may take to be written before connections close. */
const ANSWER_FLUSH_MS = 2_000;

export interface ShutdownDrainOptions {
  executions: ExecutionService;
  /** Claims no more submissions; those running get the same deadline, then are left to be re-run. */
  submissions: Submissions;
  /** How long running executions may take to finish before they are killed. */
  timeoutMs: number;
  /** Called first, when shutdown begins (e.g. to turn readiness off). */
  onClosing: () => void;
}

async function waitUntilEmpty(answers: Set<ServerResponse>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (answers.size > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * A graceful close: when the app closes, running executions finish (up to `timeoutMs`, then
 * they are killed and still answered), and open answers get a moment to be written, before
 * connections close. Register it before @fastify/websocket, whose own preClose closes the
 * sockets that are left.
 */
export function registerShutdownDrain(app: FastifyInstance, options: ShutdownDrainOptions): void {
  const openAnswers = new Set<ServerResponse>();
  app.addHook("onRequest", async (request, reply) => {
    if (request.headers.upgrade !== undefined) return;
    openAnswers.add(reply.raw);
    reply.raw.once("close", () => openAnswers.delete(reply.raw));
  });
  app.addHook("preClose", async () => {
    options.onClosing();
    // The worker stops first: runs the drain kills at the deadline are then left unrecorded.
    await Promise.all([
      options.submissions.stop(options.timeoutMs),
      options.executions.drain(options.timeoutMs),
    ]);
    await waitUntilEmpty(openAnswers, ANSWER_FLUSH_MS);
  });
}

import { type FastifyReply, type FastifyRequest, LogController } from "fastify";

/**
 * Fastify's request log in one line per request instead of two: the answered request is logged
 * at `info` with everything both lines said (the request's method, redacted URL and client
 * address; the status; the time taken; its id), and the line on arrival goes to `debug`, but
 * for a WebSocket upgrade, whose session may last long and whose end is no HTTP answer. Every
 * log line is a write to stdout, the costliest part of the HTTP layer's own work per request.
 * Errors and Fastify's other lines are logged as Fastify does.
 */
export class OneLineRequestLog extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    if (this.isLogDisabled(request)) return;
    if (request.headers.upgrade === undefined)
      request.log.debug({ req: request }, "incoming request");
    else request.log.info({ req: request }, "incoming request");
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (error || this.isLogDisabled(request)) {
      super.requestCompleted(error, request, reply);
      return;
    }
    reply.log.info(
      { req: request, res: reply, responseTime: reply.elapsedTime },
      "request completed",
    );
  }
}

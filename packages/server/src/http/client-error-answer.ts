import { randomUUID } from "node:crypto";
import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import type { FastifyBaseLogger } from "fastify";
import type { ErrorBody } from "../errors/error-answer.js";
import { SECURITY_HEADERS } from "./security-headers.js";

/** What Node's HTTP parser refused, by its error code, as the contract's answer. */
function answerOf(code: string | undefined): { statusCode: number; message: string } {
  if (code === "HPE_HEADER_OVERFLOW")
    return { statusCode: 431, message: "the request's line and headers are too large" };
  if (code === "ERR_HTTP_REQUEST_TIMEOUT")
    return { statusCode: 408, message: "the request did not arrive in time" };
  return { statusCode: 400, message: "the request is not valid HTTP/1.1" };
}

/**
 * Fastify's `clientErrorHandler`: answers a request Node's parser refused before Fastify saw it
 * (a malformed request line or header, headers too large, a request too slow) in the contract's
 * error shape with the security headers every answer carries, then closes the connection.
 * Fastify's default answers in its own shape, without them.
 */
export function answerClientError(
  this: { log: FastifyBaseLogger },
  error: NodeJS.ErrnoException,
  socket: Socket,
): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const { statusCode, message } = answerOf(error.code);
  const requestId = randomUUID();
  // Never the error itself: its rawPacket holds the request's bytes, API key included.
  this.log.info(
    { code: error.code, status: statusCode, reqId: requestId },
    "unparsable request refused",
  );
  const body: ErrorBody = { error: { code: "invalid_request", message, requestId } };
  const text = JSON.stringify(body);
  const headers = {
    ...SECURITY_HEADERS,
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(text)),
    "x-request-id": requestId,
    connection: "close",
  };
  // As Node's own handler: no second answer after one already begun on this connection (a
  // 401 sent before the body that then never finished).
  const answering = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !answering?.headersSent) {
    const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
    socket.write(
      `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode]}\r\n${head.join("\r\n")}\r\n\r\n${text}`,
    );
  }
  socket.destroy();
}

import { connect } from "node:net";

/** A request written byte for byte: the target goes on the wire exactly as given. */
export interface RawRequest {
  method: string;
  /** The request target, unnormalised: `/v%31/execute`, `http://x/v1/execute`, `*`. */
  target: string;
  headers?: Record<string, string>;
  body?: string;
}

/** The status line and headers of the answer (the body is not read). */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
}

/**
 * Sends one HTTP/1.1 request over a fresh TCP connection and resolves with the answer's head,
 * then closes the connection. Unlike fetch, nothing resolves dot segments or re-encodes the
 * path, so the server sees what an attacker would send.
 */
export function rawRequest(
  baseUrl: string,
  request: RawRequest,
  timeoutMs = 10_000,
): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  const headers: Record<string, string> = {
    host: `${hostname}:${port}`,
    connection: "close",
    ...request.headers,
  };
  if (request.body !== undefined)
    headers["content-length"] = String(Buffer.byteLength(request.body));
  const head = [
    `${request.method} ${request.target} HTTP/1.1`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ].join("\r\n");
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname.replace(/^\[|\]$/g, ""), port: Number(port) });
    let received = "";
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer to ${request.method} ${request.target} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on("connect", () => socket.write(`${head}\r\n\r\n${request.body ?? ""}`));
    socket.on("data", (chunk) => {
      received += chunk.toString("latin1");
      const end = received.indexOf("\r\n\r\n");
      if (end === -1) return;
      clearTimeout(timer);
      socket.destroy();
      const [statusLine = "", ...lines] = received.slice(0, end).split("\r\n");
      const parsed: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(":");
        parsed[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine.split(" ")[1]), headers: parsed });
    });
    socket.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on("close", () => {
      clearTimeout(timer);
      if (!received.includes("\r\n\r\n"))
        reject(
          new Error(`the server closed ${request.method} ${request.target} without an answer`),
        );
    });
  });
}

/** The headers of a WebSocket upgrade request (RFC 6455), beside any others. */
export function upgradeHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return {
    connection: "Upgrade",
    upgrade: "websocket",
    "sec-websocket-version": "13",
    "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
    ...extra,
  };
}

import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { openSocket, postJson, useTestServer } from "../testing/test-server.js";

const KEY = "request-timeout-test-key-0123456789abcdef";
const REQUEST_TIMEOUT_MS = 1_000;

/**
 * Sends a request's head and the start of a body it announced longer, never the rest, and
 * resolves with what the server wrote before closing the connection (or null if it kept it open).
 */
function sendUnfinishedBody(url: string, target: string, waitMs: number): Promise<string | null> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    let received = "";
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(null);
    }, waitMs);
    socket.on("connect", () =>
      socket.write(
        `POST ${target} HTTP/1.1\r\nhost: ${hostname}:${port}\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"language":`,
      ),
    );
    socket.on("data", (chunk) => {
      received += chunk.toString("latin1");
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(received);
    });
  });
}

describe("a request must arrive within requestTimeoutMs (slow bodies hold no connection)", () => {
  const server = useTestServer({
    languages: ["python"],
    pool: { min: 1, max: 1 },
    apiKeys: [KEY],
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
  });

  it("a body that never ends gets 408 and its connection closed, with or without a key", async () => {
    // Routes outside the key guard wait for the body before answering: no key needed to hold them.
    for (const target of ["/nothing", "/healthz"]) {
      const written = await sendUnfinishedBody(server.url, target, 20 * REQUEST_TIMEOUT_MS);
      expect(written, target).not.toBeNull();
      expect(written, target).toMatch(/^HTTP\/1\.1 408 /);
    }
  });

  it("answers that outlast it are not cut: a slow run, an idle WebSocket", async () => {
    const headers = { authorization: `Bearer ${KEY}` };
    const slow = await postJson(
      `${server.url}/v1/execute`,
      { language: "python", source: "import time\ntime.sleep(3)\nprint('late')" },
      headers,
    );
    expect(slow.status).toBe(200);
    expect(slow.body.run.stdout).toBe("late\n");

    const client = openSocket(`${server.url.replace("http", "ws")}/v1/run`, { headers });
    await client.opened;
    await new Promise((resolve) => setTimeout(resolve, 3 * REQUEST_TIMEOUT_MS));
    client.socket.send(JSON.stringify({ type: "start", language: "python", source: "print(3)" }));
    expect((await client.next("result")).run.stdout).toBe("3\n");
  });
});

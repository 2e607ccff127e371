import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/app/start-server.js";
import { openSocket, postJson, startTestServer } from "../src/testing/test-server.js";

/**
 * The server hands the body to the engine untouched: whatever the transport, a body that is not
 * an ExecuteRequest gets 400 `invalid_request` naming the field, never a 500, a stack or a path
 * of the server's files, and starts no run.
 */
const bodies: Array<[string, string, string]> = [
  ["null", "null", "(request)"],
  ["an array", "[]", "(request)"],
  ["a string", '"print(1)"', "(request)"],
  ["a number", "42", "(request)"],
  ["a boolean", "true", "(request)"],
  ["__proto__", '{"language":"python","source":"print(1)","__proto__":{"x":1}}', "(request)"],
  [
    "constructor",
    '{"language":"python","source":"print(1)","constructor":{"prototype":{}}}',
    "(request)",
  ],
  [
    "__proto__ in limits",
    '{"language":"python","source":"1","limits":{"__proto__":{"timeMs":1}}}',
    "limits",
  ],
  [
    "a deeply nested unknown key",
    `{"language":"python","source":"1","x":${"[".repeat(20_000)}${"]".repeat(20_000)}}`,
    "(request)",
  ],
  ["files of the wrong type", '{"language":"python","files":{"name":"a.py"}}', "files"],
  [
    "a limit of the wrong type",
    '{"language":"python","source":"1","limits":{"network":"yes"}}',
    "limits.network",
  ],
];
const LEAK = /node_modules|\/work\/|\.ts:\d+|\bat [\w.]+ \(|Error:/;

describe("hostile bodies on every transport", () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startTestServer({ languages: ["python"], pool: { min: 0, max: 1 } });
  });
  afterAll(async () => {
    await server?.close();
  });

  for (const [what, body, path] of bodies) {
    it(`${what}: 400 invalid_request at ${path}, as JSON, SSE and WebSocket`, async () => {
      for (const accept of ["application/json", "text/event-stream"]) {
        const answer = await postJson(`${server.url}/v1/execute`, body, { accept });
        expect(answer.status, accept).toBe(400);
        expect(answer.body.error.code).toBe("invalid_request");
        expect(answer.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
        expect(JSON.stringify(answer.body)).not.toMatch(LEAK);
      }
      const socket = openSocket(`${server.url.replace(/^http/, "ws")}/v1/run`);
      await socket.opened;
      const message = body.startsWith("{") ? `{"type":"start",${body.slice(1)}` : body;
      socket.socket.send(message);
      const error = await socket.next("error");
      expect(error.error.code).toBe("invalid_request");
      expect(JSON.stringify(error)).not.toMatch(LEAK);
      socket.socket.close();
      await socket.closed;
    });
  }

  it("ran nothing and started no sandbox", () => {
    expect(server.engine.stats().pools[0]).toMatchObject({ busy: 0, idle: 0, starting: 0 });
  });
});

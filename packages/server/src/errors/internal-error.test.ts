import { Writable } from "node:stream";
import { EngineUnavailableError } from "@warmbox/engine";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../app/start-server.js";
import {
  openSocket,
  postForEvents,
  postJson,
  readSse,
  startTestServer,
} from "../testing/test-server.js";

/** What Docker says when its socket is gone: a path and internals no client should read. */
const DOCKER_TEXT = "connect ENOENT /var/run/docker.sock (supervisor pid 1: fd 7 closed)";

describe("internal_error answers", () => {
  let server: RunningServer;
  const logLines: string[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    server = await startTestServer({
      languages: ["python"],
      pool: { min: 1, max: 1 },
      logger: pino({ level: "error" }, sink),
    });
    // The daemon goes away under the engine: every run fails with Docker's own words.
    server.engine.execute = async () => {
      throw new EngineUnavailableError(DOCKER_TEXT);
    };
  });
  afterAll(async () => {
    await server?.close();
  });

  const program = { language: "python", source: "print(1)" };
  const pistonFile = { content: "print(1)" };

  it("carry the request id and a plain message, never Docker's text; the log has it", async () => {
    const { status, body, headers } = await postJson(`${server.url}/v1/execute`, program, {
      "x-request-id": "req-internal-1",
    });
    expect(status).toBe(500);
    expect(body.error).toEqual({
      code: "internal_error",
      message: "an internal error occurred; report the request id",
      requestId: "req-internal-1",
    });
    expect(headers.get("x-request-id")).toBe("req-internal-1");
    expect(JSON.stringify(body)).not.toContain("docker");
    const logged = logLines.find((line) => line.includes('"reqId":"req-internal-1"'));
    expect(logged).toContain(DOCKER_TEXT);
  });

  it("the same on a stream, a WebSocket and the Piston route", async () => {
    const response = await postForEvents(`${server.url}/v1/execute`, program);
    const streamed = JSON.stringify(
      response.status === 500 ? await response.json() : await readSse(response),
    );
    expect(streamed).toContain("internal_error");
    expect(streamed).not.toContain("docker.sock");

    const client = openSocket(`${server.url.replace("http", "ws")}/v1/run`);
    await client.opened;
    client.socket.send(JSON.stringify({ type: "start", ...program }));
    const error = await client.next("error");
    expect(error.error.code).toBe("internal_error");
    expect(error.error.requestId).toBeTruthy();
    expect(JSON.stringify(error)).not.toContain("docker.sock");

    const piston = await postJson(
      `${server.url}/api/v2/execute`,
      {
        language: "python",
        version: "*",
        files: [{ content: "print(1)" }],
      },
      { "x-request-id": "req-piston-1" },
    );
    expect(piston.status).toBe(500);
    expect(piston.body).toEqual({
      message: "an internal error occurred; report the request id (request id req-piston-1)",
    });

    const connect = openSocket(`${server.url.replace("http", "ws")}/api/v2/connect`, {
      headers: { "x-request-id": "req-piston-ws-1" },
    });
    await connect.opened;
    connect.socket.send(
      JSON.stringify({ type: "init", language: "python", version: "*", files: [pistonFile] }),
    );
    expect(await connect.closed).toEqual({ code: 4002, reason: "Notified Error" });
    expect(connect.messages.at(-1)).toEqual({
      type: "error",
      message: "an internal error occurred; report the request id (request id req-piston-ws-1)",
    });
    expect(JSON.stringify(connect.messages)).not.toContain("docker.sock");
  });
});

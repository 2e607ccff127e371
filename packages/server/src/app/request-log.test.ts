import { Writable } from "node:stream";
import Fastify from "fastify";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { OneLineRequestLog } from "./request-log.js";
import { requestSerializer } from "./request-serializer.js";

/** An app with one route whose log lines (parsed) land in the returned array. */
function appLoggingAt(level: "info" | "debug") {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  const app = Fastify({
    loggerInstance: pino({ level, serializers: { req: requestSerializer } }, sink),
    logController: new OneLineRequestLog(),
  });
  app.post("/v1/execute", async () => ({ status: "ok" }));
  return { app, lines };
}

describe("OneLineRequestLog", () => {
  it("logs an answered request in one info line saying all the two lines said", async () => {
    const { app, lines } = appLoggingAt("info");
    const answer = await app.inject({
      method: "POST",
      url: "/v1/execute?api_key=secret-in-the-url",
      headers: { "x-request-id": "ignored-here" },
      payload: { language: "python" },
    });
    expect(answer.statusCode).toBe(200);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: "request completed",
      reqId: expect.any(String),
      req: {
        method: "POST",
        url: "/v1/execute?api_key=[redacted]",
        remoteAddress: "127.0.0.1",
      },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
    });
    await app.close();
  });

  it("logs the arrival too at debug, as Fastify does at info", async () => {
    const { app, lines } = appLoggingAt("debug");
    await app.inject({ method: "POST", url: "/v1/execute", payload: {} });
    expect(lines.map((line) => line.msg)).toEqual(["incoming request", "request completed"]);
    expect(lines[0]?.req).toEqual({
      method: "POST",
      url: "/v1/execute",
      remoteAddress: "127.0.0.1",
    });
    await app.close();
  });

  it("logs a WebSocket upgrade's arrival at info: its session ends with no HTTP answer", async () => {
    const { app, lines } = appLoggingAt("info");
    app.get("/v1/run", async () => "no upgrade here");
    await app.inject({
      method: "GET",
      url: "/v1/run",
      headers: { upgrade: "websocket", connection: "upgrade" },
    });
    expect(lines.map((line) => line.msg)).toEqual(["incoming request", "request completed"]);
    await app.close();
  });
});

import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerErrorHandler } from "../errors/error-handler.js";
import { rawRequest } from "../testing/raw-http.js";
import { registerShutdownGate } from "./shutdown-gate.js";

describe("the shutdown gate", () => {
  const app = Fastify({ routerOptions: { ignoreTrailingSlash: true } });
  let draining = false;
  let handled = 0;
  let url: string;

  beforeAll(async () => {
    registerErrorHandler(app, { maxBodyBytes: 1_024 });
    await app.register(async (api) => {
      registerShutdownGate(api, () => draining);
      api.post("/v1/execute", async () => {
        handled++;
        return { ran: true };
      });
    });
    url = await app.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await app.close();
  });

  it("guards the route whatever spelling reached it: 503 with Retry-After while draining", async () => {
    const targets = [
      "/v1/execute",
      "/%761/execute",
      "/v%31/execute",
      "/v1/execute/",
      "/v1//execute",
    ];
    const post = (target: string) =>
      rawRequest(url, {
        method: "POST",
        target,
        headers: { "content-type": "application/json" },
        body: "{}",
      });
    expect((await post("/%761/execute")).status).toBe(200);
    expect(handled).toBe(1);
    draining = true;
    let gated = 0;
    for (const target of targets) {
      const answer = await post(target);
      if (answer.status === 404) continue; // a spelling the router does not take at all
      expect(answer.status, target).toBe(503);
      expect(answer.headers["retry-after"], target).toBeTruthy();
      expect(answer.headers.connection, target).toBe("close");
      gated++;
    }
    // The plain path and at least the encoded spelling the router decodes.
    expect(gated).toBeGreaterThanOrEqual(2);
    expect(handled).toBe(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/app/start-server.js";
import { startTestServer } from "../src/testing/test-server.js";

/**
 * A path with a broken percent-escape is the client's fault like any other bad request: it gets
 * the API's error shape (`{ error: { code, message, requestId } }`, Piston's `{ message }` under
 * /api/v2), never Fastify's own answer with its internal `FST_*` code.
 */
describe("a request path with a malformed percent-escape", () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startTestServer({ languages: ["python"], pool: { min: 0, max: 1 } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("gets a 4xx in the API's error shape, naming no Fastify internals", async () => {
    const response = await fetch(`${server.url}/v1/exec%ute`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ language: "python", source: "print(1)" }),
    });
    const text = await response.text();
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(text).not.toMatch(/FST_/);
    const body = JSON.parse(text);
    expect(typeof body.error?.code).toBe("string");
    expect(typeof body.error?.requestId).toBe("string");
  });

  it("under /api/v2 gets Piston's { message } shape", async () => {
    const response = await fetch(`${server.url}/api/v2/exec%ute`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    const text = await response.text();
    expect(response.status).toBeLessThan(500);
    expect(text).not.toMatch(/FST_/);
    expect(Object.keys(JSON.parse(text))).toEqual(["message"]);
  });
});

import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/app/start-server.js";
import { openSocket, postJson, startTestServer } from "../src/testing/test-server.js";

/**
 * Clients that leave while their run waits for a sandbox, over every transport at once: each
 * waiter must leave the engine's queue at once, no sandbox may be leaked or started for them,
 * and the server must serve the next client as if they had never come.
 */
describe("an abort storm of queued clients on every transport", () => {
  const engineId = `attack-${randomUUID().slice(0, 8)}`;
  let server: RunningServer;

  const containers = () =>
    execFileSync("docker", ["ps", "-q", "--filter", `label=dev.warmbox.engine=${engineId}`], {
      encoding: "utf8",
    })
      .split("\n")
      .filter(Boolean).length;
  const queueDepth = async () => {
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    return Number(/^warmbox_queue_depth (\d+)$/m.exec(metrics)?.[1]);
  };
  const ws = (path: string) => `${server.url.replace(/^http/, "ws")}${path}`;
  const request = { language: "python", source: "print('never')" };

  beforeAll(async () => {
    server = await startTestServer({
      engineId,
      languages: ["python"],
      pool: { min: 1, max: 1 },
      maxQueue: 64,
      rateLimitPerMinute: 0,
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("empties the queue, frees no place twice and leaks no container", async () => {
    const idleContainers = containers();
    expect(idleContainers).toBe(1);

    // One run holds the only sandbox; everything after it queues.
    const busy = postJson(`${server.url}/v1/execute`, {
      language: "python",
      source: "import time\ntime.sleep(4)\nprint('busy')",
    });
    await expect
      .poll(() => server.engine.stats().pools[0]?.busy === 1, {
        timeout: 10_000,
        message: "the busy run",
      })
      .toBe(true);

    const controllers: AbortController[] = [];
    const fetches: Promise<unknown>[] = [];
    const leave = (url: string, body: unknown, headers: Record<string, string> = {}) => {
      const controller = new AbortController();
      controllers.push(controller);
      fetches.push(
        fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify(body),
          signal: controller.signal,
        }).catch(() => undefined),
      );
    };
    const sockets: ReturnType<typeof openSocket>[] = [];
    for (let i = 0; i < 6; i++) {
      leave(`${server.url}/v1/execute`, request);
      leave(`${server.url}/v1/execute`, request, { accept: "text/event-stream" });
      leave(`${server.url}/api/v2/execute`, {
        language: "python",
        version: "*",
        files: [{ content: "print('never')" }],
      });
      const run = openSocket(ws("/v1/run"));
      const connect = openSocket(ws("/api/v2/connect"));
      sockets.push(run, connect);
      await Promise.all([run.opened, connect.opened]);
      run.socket.send(JSON.stringify({ type: "start", ...request }));
      connect.socket.send(
        JSON.stringify({
          type: "init",
          language: "python",
          version: "*",
          files: [{ content: "print('never')" }],
        }),
      );
    }
    await expect
      .poll(async () => (await queueDepth()) === 30, { timeout: 10_000, message: "30 queued runs" })
      .toBe(true);
    expect(server.engine.stats().queued).toBe(30);

    for (const controller of controllers) controller.abort();
    for (const socket of sockets) socket.socket.terminate();
    await Promise.all(fetches);
    await expect
      .poll(async () => (await queueDepth()) === 0, {
        timeout: 3_000,
        message: "the queue to empty",
      })
      .toBe(true);
    expect(server.engine.stats().queued).toBe(0);

    const busyAnswer = await busy;
    expect(busyAnswer.status).toBe(200);
    expect(busyAnswer.body.run.stdout).toBe("busy\n");

    // Nobody ran for the clients that left: the next request is served at once, and the pool
    // is back to its one warm sandbox, neither leaked nor released twice.
    const next = await postJson(`${server.url}/v1/execute`, {
      language: "python",
      source: "print('served')",
    });
    expect(next.status).toBe(200);
    expect(next.body.run.stdout).toBe("served\n");
    await expect
      .poll(
        () =>
          server.engine.stats().pools[0]?.busy === 0 && server.engine.stats().pools[0]?.idle === 1,
        { timeout: 10_000, message: "the pool to be idle" },
      )
      .toBe(true);
    expect(server.engine.stats().pools[0]).toMatchObject({ busy: 0, waiting: 0, idle: 1 });
    expect(containers()).toBe(idleContainers);

    // A second pair of runs at once proves the pool's single place is still exactly one.
    const pair = await Promise.all([
      postJson(`${server.url}/v1/execute`, { language: "python", source: "print(1)" }),
      postJson(`${server.url}/v1/execute`, { language: "python", source: "print(2)" }),
    ]);
    expect(pair.map((answer) => answer.status)).toEqual([200, 200]);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).not.toMatch(
      /warmbox_execution_rejections_total\{code="internal_error"\} [1-9]/,
    );
  });
});

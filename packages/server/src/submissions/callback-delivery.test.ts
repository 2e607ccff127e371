import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Json, postJson, useTestServer } from "../testing/test-server.js";
import { CallbackDelivery } from "./callback-delivery.js";
import { ownerCallbackSecret, SIGNATURE_HEADER, verifyCallback } from "./callback-signature.js";
import { SqliteSubmissionStore } from "./store/sqlite-submission-store.js";

const SECRET = "callback-secret-0123456789abcdef0123456789";

interface Received {
  path: string;
  body: string;
  signature: string | undefined;
}

/** A receiver on loopback that records every request and answers as `answer` says. */
async function receiver(
  answer: (request: IncomingMessage, response: ServerResponse, count: number) => void,
): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer(async (request, response) => {
    let body = "";
    for await (const chunk of request) body += chunk;
    received.push({
      path: request.url ?? "",
      body,
      signature: request.headers[SIGNATURE_HEADER] as string | undefined,
    });
    answer(request, response, received.length);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, received, server };
}

describe("callbacks to a receiver on loopback, private callbacks allowed", () => {
  const server = useTestServer({ allowPrivateCallbacks: true, callbackSecret: SECRET });
  let ok: Awaited<ReturnType<typeof receiver>>;
  let flaky: Awaited<ReturnType<typeof receiver>>;
  let redirecting: Awaited<ReturnType<typeof receiver>>;
  let redirectTarget: Awaited<ReturnType<typeof receiver>>;
  beforeAll(async () => {
    ok = await receiver((_request, response) => response.writeHead(204).end());
    flaky = await receiver((_request, response, count) =>
      response.writeHead(count === 1 ? 500 : 200).end(),
    );
    redirectTarget = await receiver((_request, response) => response.writeHead(200).end());
    redirecting = await receiver((_request, response) =>
      response.writeHead(307, { location: `${redirectTarget.url}/stolen` }).end(),
    );
  });
  afterAll(() => {
    for (const { server: receiverServer } of [ok, flaky, redirecting, redirectTarget]) {
      receiverServer?.close();
    }
  });

  const submitWithCallback = async (callbackUrl: string) => {
    const created = await postJson(`${server.url}/v1/submissions`, {
      kind: "execute",
      request: { language: "python", source: "print('called back')" },
      callbackUrl,
    });
    expect(created.status).toBe(202);
    return created.body.id as string;
  };
  const callbackOf = async (id: string): Promise<Json> =>
    ((await (await fetch(`${server.url}/v1/submissions/${id}`)).json()) as Json).callback;

  it("POSTs the finished submission once, signed so the receiver can verify it", async () => {
    const id = await submitWithCallback(`${ok.url}/hook?x=1`);
    await expect
      .poll(() => callbackOf(id), { timeout: 30_000 })
      .toMatchObject({
        state: "delivered",
        attempts: 1,
      });
    expect(ok.received).toHaveLength(1);
    const [delivery] = ok.received as [Received];
    expect(delivery.path).toBe("/hook?x=1");
    const { secret } = (await (
      await fetch(`${server.url}/v1/submissions/callback-secret`)
    ).json()) as { secret: string };
    expect(secret).toBe(ownerCallbackSecret(SECRET, ""));
    expect(verifyCallback(secret, delivery.body, delivery.signature)).toBe(true);
    expect(verifyCallback(SECRET, delivery.body, delivery.signature)).toBe(false);
    expect(JSON.parse(delivery.body)).toMatchObject({
      id,
      state: "done",
      result: { status: "ok", run: { stdout: "called back\n" } },
    });
  });

  it("tries again after a failure, with back-off", async () => {
    const id = await submitWithCallback(`${flaky.url}/hook`);
    await expect
      .poll(() => callbackOf(id), { timeout: 30_000 })
      .toMatchObject({
        state: "delivered",
        attempts: 2,
      });
    expect(flaky.received).toHaveLength(2);
  });

  it("follows no redirect, and gives up after 3 tries", async () => {
    const id = await submitWithCallback(`${redirecting.url}/hook`);
    await expect
      .poll(() => callbackOf(id), { timeout: 45_000, interval: 500 })
      .toMatchObject({
        state: "failed",
        attempts: 3,
      });
    expect(redirecting.received).toHaveLength(3);
    expect(redirectTarget.received).toHaveLength(0);
  }, 60_000);
});

describe("callbacks checked again at delivery, private callbacks not allowed", () => {
  it("refuses a stored loopback target at each try: no traffic reaches it, recorded as failed", async () => {
    const listener = await receiver((_request, response) => response.writeHead(200).end());
    const dataDir = mkdtempSync(join(tmpdir(), "warmbox-callback-refusal-"));
    const store = SqliteSubmissionStore.open(dataDir);
    try {
      await store.migrate();
      // Stored as if accepted under another setting (or its name resolved elsewhere then).
      const [created] = await store.create([
        {
          owner: "",
          work: { kind: "execute", request: { language: "python", source: "" } },
          callbackUrl: `${listener.url}/hook`,
        },
      ]);
      const claimed = await store.claimNext("instance", new Date(Date.now() + 60_000));
      expect(claimed?.id).toBe(created?.id);
      const outcome = { kind: "error", error: { code: "x", message: "y" } } as const;
      expect(await store.complete("instance", claimed?.id as string, outcome)).toBe(true);

      const delivery = new CallbackDelivery({
        store,
        secretOf: () => SECRET,
        allowPrivate: false,
        formatOf: () => ({ method: "POST", body: (record) => ({ id: record.id }) }),
        logger: pino({ level: "silent" }),
        backoffMs: [0, 0],
      });
      const [pending] = await store.pendingCallbacks(10);
      delivery.deliver(pending as NonNullable<typeof pending>);
      await expect
        .poll(() => store.get("", created?.id as string), { timeout: 10_000 })
        .toMatchObject({ callbackState: "failed", callbackAttempts: 3 });
      await delivery.close();
      expect(listener.received).toHaveLength(0);
    } finally {
      listener.server.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

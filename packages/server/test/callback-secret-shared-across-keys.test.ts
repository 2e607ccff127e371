import { createHmac } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { startServerProcess } from "../src/testing/server-process.js";

const KEY_A = "secret-key-a-0123456789abcdef0123456789abcdef";
const KEY_B = "secret-key-b-0123456789abcdef0123456789abcdef";
const SECRET = "one-server-secret-0123456789abcdef0123456789";

function signatureValid(secret: string, body: string, header: string): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match) return false;
  return createHmac("sha256", secret).update(`${match[1]}.${body}`).digest("hex") === match[2];
}

/**
 * Every callback, whoever's key made the submission, is signed with the one server secret,
 * over `<t>.<body>` only (not the URL it goes to, nor the key). A receiver must hold that
 * secret to verify, so every tenant that verifies can also forge signed callbacks for every
 * other tenant's receiver, or replay its own (signed, within 5 minutes) to another's URL.
 * Expected on a multi-key server: a secret that verifies key A's callbacks does not verify
 * key B's (per-key secrets, or at least the target URL in what is signed).
 * Loopback only: private callbacks allowed, the receiver on 127.0.0.1.
 */
describe("callback signatures on a server with two API keys", () => {
  it("differ per key: A's verifying secret does not verify B's callbacks", async () => {
    const received: { path: string; body: string; signature: string }[] = [];
    const receiver = createServer(async (request: IncomingMessage, response) => {
      let body = "";
      for await (const chunk of request) body += chunk;
      received.push({
        path: request.url ?? "",
        body,
        signature: String(request.headers["warmbox-signature"]),
      });
      response.end("ok");
    });
    receiver.listen(0, "127.0.0.1");
    await once(receiver, "listening");
    const { port } = receiver.address() as { port: number };
    const server = await startServerProcess({
      WARMBOX_API_KEYS: `${KEY_A},${KEY_B}`,
      WARMBOX_CALLBACK_SECRET: SECRET,
      WARMBOX_ALLOW_PRIVATE_CALLBACKS: "true",
      WARMBOX_LANGUAGES: "python",
      WARMBOX_POOL_MIN: "1",
      WARMBOX_POOL_MAX: "2",
      WARMBOX_RATE_LIMIT: "0",
    });
    try {
      for (const [key, path] of [
        [KEY_A, "/a"],
        [KEY_B, "/b"],
      ] as const) {
        const response = await fetch(`${server.url}/v1/submissions`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-api-key": key },
          body: JSON.stringify({
            kind: "execute",
            request: { language: "python", source: "print(1)" },
            callbackUrl: `http://127.0.0.1:${port}${path}`,
          }),
        });
        expect(response.status).toBe(202);
      }
      await expect.poll(() => received.length, { timeout: 60_000 }).toBe(2);
      const a = received.find((callback) => callback.path === "/a");
      const b = received.find((callback) => callback.path === "/b");
      if (!a || !b) throw new Error("a callback is missing");
      // The secret tenant A verifies with (its own, fetched with its key)...
      const secretOf = async (key: string) =>
        (
          (await (
            await fetch(`${server.url}/v1/submissions/callback-secret`, {
              headers: { "x-api-key": key },
            })
          ).json()) as { secret: string }
        ).secret;
      const secretA = await secretOf(KEY_A);
      const secretB = await secretOf(KEY_B);
      expect(secretA).not.toBe(secretB);
      expect(signatureValid(secretA, a.body, a.signature)).toBe(true);
      expect(signatureValid(secretB, b.body, b.signature)).toBe(true);
      // ...must not be the one that signs tenant B's callbacks, nor is the server secret.
      expect(signatureValid(secretA, b.body, b.signature)).toBe(false);
      expect(signatureValid(SECRET, a.body, a.signature)).toBe(false);
      expect(signatureValid(SECRET, b.body, b.signature)).toBe(false);
    } finally {
      await server.stop();
      receiver.close();
    }
  }, 180_000);
});

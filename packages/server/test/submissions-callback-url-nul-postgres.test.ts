import { describe, expect, it } from "vitest";
import { startServerProcess } from "../src/testing/server-process.js";
import { startTestPostgres } from "../src/testing/test-postgres.js";

/**
 * The WHATWG URL parser accepts a raw NUL in a URL's path (it percent-encodes it), so the
 * callback check passes; but the store keeps the URL as the client spelled it, and
 * PostgreSQL's text columns refuse NUL bytes: the insert fails and the client gets a 500
 * instead of a typed 400 naming callbackUrl / callback_url (SQLite stores it silently).
 * Only loopback URLs are used, with private callbacks allowed, so nothing leaves the host.
 */
describe("a callback URL holding a NUL character, on PostgreSQL", () => {
  it("is refused with a 400/422 naming the field, not a 500", async () => {
    await using postgres = await startTestPostgres();
    const server = await startServerProcess({
      WARMBOX_DATABASE_URL: await postgres.createDatabase(),
      WARMBOX_CALLBACK_SECRET: "nul-callback-secret-0123456789abcdef01234",
      WARMBOX_ALLOW_PRIVATE_CALLBACKS: "true",
      WARMBOX_LANGUAGES: "python",
      WARMBOX_POOL_MIN: "0",
      WARMBOX_POOL_MAX: "1",
    });
    try {
      const native = await fetch(`${server.url}/v1/submissions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          kind: "execute",
          request: { language: "python", source: "print(1)" },
          callbackUrl: "http://127.0.0.1:9/hook\u0000x",
        }),
      });
      const judge0 = await fetch(`${server.url}/judge0/submissions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          language_id: 71,
          source_code: "print(1)",
          callback_url: "http://127.0.0.1:9/hook\u0000x",
        }),
      });
      // Either stored (then the URL must have been kept in a form the database takes) or a
      // typed refusal; never an internal error.
      expect([202, 400], await native.clone().text()).toContain(native.status);
      expect([201, 422], await judge0.clone().text()).toContain(judge0.status);
    } finally {
      await server.stop();
    }
  }, 180_000);
});

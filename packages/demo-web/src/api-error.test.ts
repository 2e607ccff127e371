import { describe, expect, it } from "vitest";
import { httpError, streamedError } from "./api-error.js";

describe("the page's reading of the server's errors", () => {
  it("tells a server shutting down (503 unavailable) from a busy one (503 overloaded)", () => {
    const unavailable = httpError(
      503,
      { error: { code: "unavailable", message: "the server is shutting down; retry shortly" } },
      "5",
    );
    expect(unavailable).toMatchObject({ kind: "unavailable", status: 503, retryAfterSeconds: 5 });
    expect(unavailable.message).toMatch(/shutting down[\s\S]*5 seconds/);
    const overloaded = httpError(503, { error: { code: "overloaded", message: "full" } }, "1");
    expect(overloaded).toMatchObject({ kind: "overloaded", status: 503 });
  });

  it("reads an error inside a stream by its code's status, a shutting-down server included", () => {
    const read = (code: string) => streamedError({ error: { code, message: `said ${code}` } });
    expect(read("unavailable")).toMatchObject({ kind: "unavailable", status: 503 });
    expect(read("overloaded")).toMatchObject({ kind: "overloaded", status: 503 });
    expect(read("rate_limited")).toMatchObject({ kind: "rate_limited", status: 429 });
    expect(read("limit_exceeded")).toMatchObject({
      kind: "bad_request",
      status: 400,
      message: "said limit_exceeded",
    });
    expect(read("internal_error")).toMatchObject({ kind: "server", status: 500 });
  });

  it("treats a code it does not know as a server failure, even one named like a built-in", () => {
    expect(streamedError({ error: { code: "brand_new", message: "?" } })).toMatchObject({
      kind: "server",
      status: 500,
    });
    expect(streamedError({ error: { code: "toString", message: "?" } })).toMatchObject({
      kind: "server",
      status: 500,
    });
    expect(streamedError(null)).toMatchObject({ kind: "server", status: 500 });
  });
});

import {
  AbortedError,
  EngineClosedError,
  EngineUnavailableError,
  ImageBuildError,
  InvalidRequestError,
  LimitExceededError,
  MemoryOvercommitError,
  OverloadedError,
  UnknownLanguageError,
} from "@warmbox/engine";
import { describe, expect, it } from "vitest";
import { HttpError } from "./http-error.js";
import { toHttpError } from "./to-http-error.js";

const map = (error: unknown) => toHttpError(error, { maxBodyBytes: 1024 });

describe("toHttpError", () => {
  it("maps every engine error code to its status and code in docs/api.md", () => {
    expect(
      map(new InvalidRequestError("bad", [{ path: "language", message: "required" }])),
    ).toMatchObject({
      statusCode: 400,
      code: "invalid_request",
      details: [{ path: "language", message: "required" }],
    });
    expect(map(new UnknownLanguageError("no klingon", ["python"]))).toMatchObject({
      statusCode: 400,
      code: "unknown_language",
    });
    expect(map(new LimitExceededError("limits.timeMs", 99, 10))).toMatchObject({
      statusCode: 400,
      code: "limit_exceeded",
    });
    expect(map(new OverloadedError(3))).toMatchObject({
      statusCode: 503,
      code: "overloaded",
      headers: { "retry-after": "1" },
    });
    expect(map(new EngineUnavailableError("docker is gone"))).toMatchObject({
      statusCode: 500,
      code: "internal_error",
      serverFault: true,
    });
    expect(map(new EngineClosedError())).toMatchObject({ statusCode: 503, code: "unavailable" });
    expect(map(new MemoryOvercommitError(2, 1))).toMatchObject({
      statusCode: 500,
      code: "internal_error",
    });
    expect(map(new ImageBuildError("build log"))).toMatchObject({
      statusCode: 500,
      code: "internal_error",
    });
    expect(map(new AbortedError())).toMatchObject({ statusCode: 499, code: "aborted" });
  });

  it("keeps the server's own errors and their headers", () => {
    expect(
      map(
        new HttpError({
          statusCode: 401,
          code: "unauthorized",
          message: "key?",
          headers: { "www-authenticate": "Bearer" },
        }),
      ),
    ).toMatchObject({
      statusCode: 401,
      code: "unauthorized",
      headers: { "www-authenticate": "Bearer" },
      serverFault: false,
    });
  });

  it("maps Fastify's body errors", () => {
    expect(
      map({ code: "FST_ERR_CTP_BODY_TOO_LARGE", statusCode: 413, message: "x" }),
    ).toMatchObject({
      statusCode: 413,
      code: "payload_too_large",
      message: "the request body is larger than 1024 bytes",
    });
    expect(map({ code: "FST_ERR_CTP_INVALID_MEDIA_TYPE", statusCode: 415 })).toMatchObject({
      statusCode: 415,
    });
  });

  it("hides the message of an unknown error behind a 500", () => {
    const mapped = map(new Error("secret stack detail"));
    expect(mapped).toMatchObject({ statusCode: 500, code: "internal_error", serverFault: true });
    expect(mapped.message).not.toMatch(/secret/);
  });
});

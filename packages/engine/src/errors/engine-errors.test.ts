import { describe, expect, it } from "vitest";
import {
  AbortedError,
  EngineClosedError,
  EngineError,
  InvalidRequestError,
  LimitExceededError,
  MemoryOvercommitError,
  OverloadedError,
  UnknownLanguageError,
} from "./engine-errors.js";

describe("engine errors", () => {
  it("carry a stable code, name and message, and their facts as typed fields and details", () => {
    const limit = new LimitExceededError("limits.timeMs", 99_000, 10_000);
    expect(limit).toMatchObject({
      code: "limit_exceeded",
      name: "LimitExceededError",
      message: "limits.timeMs is 99000, above the maximum of 10000",
      field: "limits.timeMs",
      requested: 99_000,
      maximum: 10_000,
      details: { field: "limits.timeMs", requested: 99_000, maximum: 10_000 },
    });
    expect(new OverloadedError(4)).toMatchObject({
      code: "overloaded",
      queueLength: 4,
      details: { queueLength: 4 },
    });
    expect(new UnknownLanguageError("no klingon", ["python"])).toMatchObject({
      code: "unknown_language",
      available: ["python"],
      details: { available: ["python"] },
    });
    expect(new MemoryOvercommitError(3 * 1_048_576, 2 * 1_048_576)).toMatchObject({
      code: "memory_overcommit",
      message: expect.stringMatching(
        /^the sandboxes may use 3 MiB, more than the Docker host's 2 MiB/,
      ),
      committedBytes: 3 * 1_048_576,
      hostBytes: 2 * 1_048_576,
    });
    const reason = new Error("gone");
    expect(new AbortedError(reason)).toMatchObject({ code: "aborted", cause: reason });
    expect(new EngineClosedError().details).toBeUndefined();
  });

  it("isInstance matches its own class by code, and any engine error on the base class", () => {
    const issues = [{ path: "language", message: "required" }];
    const invalid = new InvalidRequestError("bad", issues);
    expect(InvalidRequestError.isInstance(invalid)).toBe(true);
    expect(EngineError.isInstance(invalid)).toBe(true);
    expect(LimitExceededError.isInstance(invalid)).toBe(false);
    expect(EngineError.isInstance(new Error("plain"))).toBe(false);
    expect(EngineError.isInstance(null)).toBe(false);
  });

  it("isInstance recognises an error thrown by another copy of the package", () => {
    const fromOtherCopy = Object.assign(new Error("limits.timeMs is 2, above the maximum of 1"), {
      [Symbol.for("warmbox.engine-error")]: true,
      code: "limit_exceeded",
      field: "limits.timeMs",
    });
    expect(fromOtherCopy instanceof LimitExceededError).toBe(false);
    expect(LimitExceededError.isInstance(fromOtherCopy)).toBe(true);
    expect(OverloadedError.isInstance(fromOtherCopy)).toBe(false);
  });
});

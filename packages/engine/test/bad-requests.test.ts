import { afterAll, describe, expect, it } from "vitest";
import { EngineError } from "../src/errors/engine-errors.js";
import { containersOf, testEngine } from "./helpers/test-engine.js";

// min 0: nothing starts ahead of demand, so any container would come from a bad request.
const engine = testEngine({ languages: ["python"], pool: { min: 0, max: 1 } });
afterAll(() => engine.close());

async function errorOf(request: unknown): Promise<EngineError> {
  try {
    await engine.execute(request as never);
  } catch (error) {
    if (EngineError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("the request was accepted");
}

describe("bad requests get a typed error naming the field, and start no container", () => {
  it.each([
    ["an unknown language", { language: "brainfuck", source: "" }, "unknown_language", "brainfuck"],
    [
      "a parent-directory file name",
      { language: "python", files: [{ name: "../x.py", content: "" }] },
      "invalid_request",
      "files[0].name",
    ],
    [
      "an absolute file name",
      { language: "python", files: [{ name: "/etc/passwd", content: "" }] },
      "invalid_request",
      "files[0].name",
    ],
    [
      "a NUL in a file name",
      { language: "python", files: [{ name: "a\0.py", content: "" }] },
      "invalid_request",
      "files[0].name",
    ],
    ["an empty files list", { language: "python", files: [] }, "invalid_request", "files"],
    ["no program at all", { language: "python" }, "invalid_request", "files"],
    [
      "a limit above the maximum",
      { language: "python", source: "", limits: { memoryMb: 100_000 } },
      "limit_exceeded",
      "limits.memoryMb",
    ],
    [
      "network when not allowed",
      { language: "python", source: "", limits: { network: true } },
      "limit_exceeded",
      "limits.network",
    ],
    [
      "a field of the wrong type",
      { language: "python", source: "", stdin: 5 },
      "invalid_request",
      "stdin",
    ],
    ["not an object", "print(1)", "invalid_request", "(request)"],
  ])("%s", async (_name, request, code, mentioned) => {
    const error = await errorOf(request);
    expect(error.code).toBe(code);
    expect(`${error.message} ${JSON.stringify(error.details)}`).toContain(mentioned);
  });

  it("left no container behind", async () => {
    expect(await containersOf(engine.id)).toEqual([]);
  });
});

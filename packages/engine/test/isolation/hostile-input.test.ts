import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { describe, expect } from "vitest";
import type { Engine } from "../../src/engine/engine-types.js";
import { EngineError } from "../../src/errors/engine-errors.js";
import type { ExecuteRequest } from "../../src/request/execute-request.js";
import { containersOf } from "../helpers/test-engine.js";
import { attack } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * Hostile input: whatever a client sends, the answer is a typed error naming the field, or a
 * correct result; never a crash, an engine fault, or a write outside the sandbox.
 */
const test = isolationTest({ languages: ["python", "c"], pool: { min: 1, max: 1 } });

async function rejection(
  engine: Engine,
  request: unknown,
): Promise<{ code: string; message: string; paths: string[] }> {
  const error = await engine.execute(request as ExecuteRequest).then(
    (result) => {
      throw new Error(`accepted: ${JSON.stringify(result).slice(0, 300)}`);
    },
    (error: unknown) => error,
  );
  if (!EngineError.isInstance(error)) throw error;
  const details = (error as { details?: unknown }).details;
  const issues = Array.isArray(details) ? (details as Array<{ path: string }>) : [];
  return { code: error.code, message: error.message, paths: issues.map((issue) => issue.path) };
}

const hello = "print('hi')";

describe("file names", () => {
  const bad: Array<[string, string]> = [
    ["../escape.py", "a parent segment"],
    ["../../../../tmp/warmbox-pwned", "a climb to the host's /tmp"],
    ["/etc/passwd", "an absolute path"],
    ["/box/main.py", "an absolute path into the work directory"],
    ["a/../../x.py", "a parent segment in the middle"],
    ["a//b.py", "an empty segment"],
    ["./main.py", "a '.' segment"],
    ["a/", "a trailing slash"],
    ["x\0y.py", "a NUL byte"],
    ["\\..\\x.py", "backslashes"],
    ["", "an empty name"],
    [`${"n".repeat(256)}.py`, "a segment longer than 255 bytes"],
    [`${"d/".repeat(600)}x.py`, "a path longer than 1024 characters"],
    [`${"é".repeat(200)}.py`, "a segment of 400 bytes in 200 characters"],
  ];
  for (const [name, what] of bad) {
    test(`${what}: invalid_request naming the file`, async ({ engine }) => {
      const error = await rejection(engine, {
        language: "python",
        files: [
          { name: "main.py", content: hello },
          { name, content: "x" },
        ],
      });
      expect(error.code).toBe("invalid_request");
      expect(error.paths).toContain("files[1].name");
    });
  }

  test("a name that is both a file and a directory: invalid_request, not an engine fault (was internal_error)", async ({
    engine,
  }) => {
    for (const files of [
      [
        { name: "lib", content: "x" },
        { name: "lib/x.py", content: "" },
      ],
      [
        { name: "lib/x.py", content: "" },
        { name: "lib", content: "x" },
      ],
      [
        { name: "a/b/c.py", content: "" },
        { name: "a/b", content: "" },
      ],
    ]) {
      const error = await rejection(engine, {
        language: "python",
        files: [{ name: "main.py", content: hello }, ...files],
      });
      expect(error.code).toBe("invalid_request");
      expect(error.message).toContain("both a file and a directory");
    }
  });

  test("nothing was written outside the sandbox", () => {
    expect(existsSync("/tmp/warmbox-pwned")).toBe(false);
    expect(existsSync("/escape.py")).toBe(false);
  });

  test("odd but legal names (spaces, newlines, quotes, unicode, leading dashes) are written as given", async ({
    engine,
  }) => {
    const names = [
      "with space.txt",
      "new\nline.txt",
      "quote'\"`$(x).txt",
      "ünï©ødé.txt",
      "-rf",
      "--",
      "deep/er/still/x.txt",
    ];
    const result = await attack(engine, {
      language: "python",
      files: [
        {
          name: "main.py",
          content:
            "import json, os\nprint(json.dumps(sorted(os.path.relpath(os.path.join(r, f)) for r, _, fs in os.walk('.') for f in fs)))",
        },
        ...names.map((name) => ({ name, content: name })),
      ],
    });
    expect(result.status, result.describe).toBe("ok");
    expect(JSON.parse(result.run?.stdout ?? "[]")).toEqual([...names, "main.py"].sort());
  });
});

describe("sizes", () => {
  test("1000 files (the most allowed) arrive; 1001 are refused", async ({ engine }) => {
    const files = Array.from({ length: 999 }, (_, i) => ({
      name: `f/${i}.txt`,
      content: String(i),
    }));
    const result = await attack(engine, {
      language: "python",
      files: [{ name: "main.py", content: "import os\nprint(len(os.listdir('f')))" }, ...files],
    });
    expect(result.status, result.describe).toBe("ok");
    expect(result.run?.stdout).toBe("999\n");
    const error = await rejection(engine, {
      language: "python",
      files: [
        { name: "main.py", content: hello },
        ...files,
        { name: "one-more", content: "" },
        { name: "two", content: "" },
      ],
    });
    expect(error.code).toBe("invalid_request");
  });

  test("a 10 MB source runs", async ({ engine }) => {
    const padding = `#${"x".repeat(10 * 1_048_576)}\n`;
    const result = await attack(engine, {
      language: "python",
      source: `${padding}import os\nprint(os.path.getsize(__file__))\n`,
    });
    expect(result.status, result.describe).toBe("ok");
    expect(Number(result.run?.stdout)).toBeGreaterThan(10 * 1_048_576);
  });

  test("a 50 MB stdin arrives whole", async ({ engine }) => {
    const stdin = "0123456789abcdef".repeat((50 * 1_048_576) / 16);
    const result = await attack(engine, {
      language: "python",
      source:
        "import hashlib, sys\ndata = sys.stdin.buffer.read()\nprint(len(data), hashlib.sha256(data).hexdigest())",
      stdin,
      limits: { timeMs: 10_000 },
    });
    expect(result.status, result.describe).toBe("ok");
    expect(result.run?.stdout).toBe(
      `${stdin.length} ${createHash("sha256").update(stdin).digest("hex")}\n`,
    );
  });

  test("a stdin of 60 M characters but 120 MB: refused by its byte size (was a memory_limit of the sandbox)", async ({
    engine,
  }) => {
    const error = await rejection(engine, {
      language: "python",
      source: hello,
      stdin: "é".repeat(60_000_000),
    });
    expect(error.code).toBe("invalid_request");
    expect(error.paths).toContain("stdin");
  });

  test("files above 32 MB in total are refused", async ({ engine }) => {
    const big = "x".repeat(17 * 1_048_576);
    const error = await rejection(engine, {
      language: "python",
      files: [
        { name: "main.py", content: big },
        { name: "b.py", content: big },
      ],
    });
    expect(error.code).toBe("invalid_request");
  });
});

describe("every field of the wrong type", () => {
  const cases: Array<[string, unknown, string]> = [
    ["no request", undefined, "(request)"],
    ["null", null, "(request)"],
    ["an array", [], "(request)"],
    ["a string", "print(1)", "(request)"],
    ["language a number", { language: 5, source: hello }, "language"],
    ["language empty", { language: "", source: hello }, "language"],
    ["version a number", { language: "python", version: 3, source: hello }, "version"],
    ["source a number", { language: "python", source: 3 }, "source"],
    [
      "source and files",
      { language: "python", source: hello, files: [{ name: "a.py", content: "" }] },
      "source",
    ],
    ["neither source nor files", { language: "python" }, "files"],
    ["files a string", { language: "python", files: "main.py" }, "files"],
    ["files empty", { language: "python", files: [] }, "files"],
    [
      "file name a number",
      { language: "python", files: [{ name: 1, content: "" }] },
      "files[0].name",
    ],
    [
      "file content an object",
      { language: "python", files: [{ name: "a.py", content: {} }] },
      "files[0].content",
    ],
    [
      "file encoding unknown",
      { language: "python", files: [{ name: "a.py", content: "", encoding: "hex" }] },
      "files[0].encoding",
    ],
    [
      "file content bad base64",
      { language: "python", files: [{ name: "a.py", content: "!!!", encoding: "base64" }] },
      "files[0].content",
    ],
    [
      "file with an extra field",
      { language: "python", files: [{ name: "a.py", content: "", mode: 0o4755 }] },
      "files[0]",
    ],
    [
      "duplicate file names",
      {
        language: "python",
        files: [
          { name: "a.py", content: "" },
          { name: "a.py", content: "" },
        ],
      },
      "files[1].name",
    ],
    ["stdin an object", { language: "python", source: hello, stdin: {} }, "stdin"],
    ["args a string", { language: "python", source: hello, args: "--x" }, "args"],
    ["args of numbers", { language: "python", source: hello, args: [1] }, "args[0]"],
    ["an arg with NUL", { language: "python", source: hello, args: ["a\0b"] }, "args[0]"],
    [
      "too many args",
      { language: "python", source: hello, args: Array.from({ length: 1001 }, () => "a") },
      "args",
    ],
    ["limits a number", { language: "python", source: hello, limits: 5 }, "limits"],
    [
      "timeMs a string",
      { language: "python", source: hello, limits: { timeMs: "1000" } },
      "limits.timeMs",
    ],
    [
      "timeMs negative",
      { language: "python", source: hello, limits: { timeMs: -1 } },
      "limits.timeMs",
    ],
    [
      "timeMs fractional",
      { language: "python", source: hello, limits: { timeMs: 1.5 } },
      "limits.timeMs",
    ],
    [
      "timeMs infinite",
      { language: "python", source: hello, limits: { timeMs: Number.POSITIVE_INFINITY } },
      "limits.timeMs",
    ],
    [
      "cpus NaN",
      { language: "python", source: hello, limits: { cpus: Number.NaN } },
      "limits.cpus",
    ],
    [
      "cpus below Docker's minimum (was internal_error)",
      { language: "python", source: hello, limits: { cpus: 0.001 } },
      "limits.cpus",
    ],
    [
      "memoryMb below 16",
      { language: "python", source: hello, limits: { memoryMb: 1 } },
      "limits.memoryMb",
    ],
    [
      "network a string",
      { language: "python", source: hello, limits: { network: "yes" } },
      "limits.network",
    ],
    ["an unknown limit", { language: "python", source: hello, limits: { gpus: 1 } }, "limits"],
    [
      "compileLimits wrong",
      { language: "c", source: hello, compileLimits: { processes: "many" } },
      "compileLimits.processes",
    ],
    [
      "an unknown top-level field",
      { language: "python", source: hello, shell: "bash -c id" },
      "(request)",
    ],
    [
      "a prototype-polluting field",
      JSON.parse('{"language":"python","source":"print(1)","__proto__":{"polluted":1}}'),
      "(request)",
    ],
  ];
  for (const [what, request, path] of cases) {
    test(`${what}: invalid_request at ${path}`, async ({ engine }) => {
      const error = await rejection(engine, request);
      expect(error.code).toBe("invalid_request");
      expect(error.paths).toContain(path);
    });
  }

  test("limits above the operator's maximum: limit_exceeded naming the field; unknown languages: unknown_language", async ({
    engine,
  }) => {
    const tooLong = await rejection(engine, {
      language: "python",
      source: hello,
      limits: { timeMs: 10_000_000 },
    });
    expect(tooLong.code).toBe("limit_exceeded");
    expect(tooLong.message).toContain("limits.timeMs");
    const network = await rejection(engine, {
      language: "python",
      source: hello,
      limits: { network: true },
    });
    expect(network.code).toBe("limit_exceeded");
    const unknown = await rejection(engine, { language: "brainfuck; rm -rf /", source: hello });
    expect(unknown.code).toBe("unknown_language");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("after all that the engine serves, holds no more than one container per language, and nothing leaked", async ({
    engine,
    unharmed,
  }) => {
    expect((await containersOf(engine.id)).length).toBeLessThanOrEqual(2);
    await unharmed(["python", "c"]);
  });
});

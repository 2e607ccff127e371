import piston from "piston-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../app/start-server.js";
import { postJson, startTestServer } from "../testing/test-server.js";

describe("Piston-compatible API", () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startTestServer({ languages: ["python", "c"], pool: { min: 1, max: 1 } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("works with the piston-client npm package, unchanged", async () => {
    const client = piston({ server: server.url });
    const runtimes = await client.runtimes();
    expect(runtimes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ language: "python", aliases: expect.arrayContaining(["py"]) }),
      ]),
    );
    const result = await client.execute(
      "python",
      "import sys\nprint(sys.argv[1:])\nprint(input())",
      { stdin: "typed" },
    );
    expect(result).toMatchObject({
      language: "python",
      version: runtimes.find((runtime: { language: string }) => runtime.language === "python")
        .version,
      run: {
        stdout: "['1', '2', '3']\ntyped\n",
        stderr: "",
        code: 0,
        signal: null,
        output: "['1', '2', '3']\ntyped\n",
      },
    });
    expect(result.compile).toBeUndefined();
  });

  it("answers Piston's exact response shape for a compiled language", async () => {
    const { status, body } = await postJson(`${server.url}/api/v2/execute`, {
      language: "c",
      version: "*",
      files: [
        { name: "main.c", content: '#include <stdio.h>\nint main(){printf("hi\\n");return 2;}' },
      ],
    });
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(["compile", "language", "run", "version"]);
    expect(body.compile).toMatchObject({ code: 0, status: null });
    expect(body.run).toMatchObject({ stdout: "hi\n", code: 2, status: "RE", output: "hi\n" });
    expect(Object.keys(body.run).sort()).toEqual(
      [
        "code",
        "cpu_time",
        "memory",
        "message",
        "output",
        "signal",
        "status",
        "stderr",
        "stdout",
        "wall_time",
      ].sort(),
    );
  });

  it("repeats a failed compile as run, like Piston", async () => {
    const { body } = await postJson(`${server.url}/api/v2/execute`, {
      language: "c",
      version: "*",
      files: [{ content: "int main( {" }],
    });
    expect(body.compile.code).not.toBe(0);
    expect(body.run).toEqual(body.compile);
  });

  it("answers Piston's { message } errors", async () => {
    const missing = await postJson(`${server.url}/api/v2/execute`, {
      language: "python",
      files: [],
    });
    expect(missing).toMatchObject({
      status: 400,
      body: { message: "version is required as a string" },
    });
    const unknown = await postJson(`${server.url}/api/v2/execute`, {
      language: "klingon",
      version: "*",
      files: [{ content: "" }],
    });
    expect(unknown).toMatchObject({
      status: 400,
      body: { message: "klingon-* runtime is unknown" },
    });
    const version = await postJson(`${server.url}/api/v2/execute`, {
      language: "python",
      version: "2",
      files: [{ content: "" }],
    });
    expect(version.body.message).toBe("python-2 runtime is unknown");
    const limit = await postJson(`${server.url}/api/v2/execute`, {
      language: "python",
      version: "*",
      files: [{ content: "" }],
      run_timeout: 10_000_000,
    });
    expect(limit.status).toBe(400);
    expect(Object.keys(limit.body)).toEqual(["message"]);
  });
});

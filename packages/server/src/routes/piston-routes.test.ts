import piston from "piston-client";
import { describe, expect, it } from "vitest";
import {
  openSocket,
  pistonInit,
  pistonStdin,
  postJson,
  startPistonRun,
  useTestServer,
} from "../testing/test-server.js";

/** A program per core language, by Piston's name, printing its arguments and a line of stdin. */
const ECHO_PROGRAMS: Record<string, string> = {
  python: "import sys\nprint(' '.join(sys.argv[1:]), '|', input())",
  javascript:
    "const line = require('fs').readFileSync(0, 'utf8').split('\\n')[0];\nconsole.log(process.argv.slice(2).join(' '), '|', line);",
  java: [
    "import java.util.Scanner;",
    "public class Main {",
    "  public static void main(String[] args) {",
    '    System.out.println(String.join(" ", args) + " | " + new Scanner(System.in).nextLine());',
    "  }",
    "}",
  ].join("\n"),
  c: [
    "#include <stdio.h>",
    "int main(int argc, char **argv) {",
    "  char line[64] = {0};",
    '  for (int i = 1; i < argc; i++) printf("%s ", argv[i]);',
    '  if (fgets(line, sizeof line, stdin)) printf("| %s", line);',
    "  return 0;",
    "}",
  ].join("\n"),
  "c++": [
    "#include <iostream>",
    "#include <string>",
    "int main(int argc, char **argv) {",
    '  for (int i = 1; i < argc; i++) std::cout << argv[i] << " ";',
    "  std::string line;",
    "  std::getline(std::cin, line);",
    '  std::cout << "| " << line << std::endl;',
    "}",
  ].join("\n"),
};

describe("Piston-compatible API", () => {
  const server = useTestServer({
    languages: ["python", "javascript", "java", "c", "cpp"],
    pool: { min: 1, max: 1 },
  });
  /** POST /api/v2/execute with `body`. */
  const pistonExecute = (body: unknown) => postJson(`${server.url}/api/v2/execute`, body);

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

  it("lists every language under Piston's name, with Piston's aliases beside ours", async () => {
    const runtimes = await piston({ server: server.url }).runtimes();
    expect(runtimes.map((runtime: { language: string }) => runtime.language).sort()).toEqual(
      ["c", "c++", "java", "javascript", "python"].sort(),
    );
    const cpp = runtimes.find((runtime: { language: string }) => runtime.language === "c++");
    expect(cpp.aliases).toEqual(expect.arrayContaining(["cpp", "g++", "cxx"]));
  });

  it("runs every core language by its Piston name through piston-client, with stdin and args", async () => {
    const client = piston({ server: server.url });
    for (const [language, code] of Object.entries(ECHO_PROGRAMS)) {
      const result = await client.execute(language, code, {
        stdin: "typed line",
        args: ["alpha", "beta"],
        runTimeout: 10_000,
      });
      expect(result.language, language).toBe(language);
      expect(result.run.stdout.replace(/\s+/g, " ").trim(), language).toBe(
        "alpha beta | typed line",
      );
      expect(result.run.code, language).toBe(0);
    }
  });

  it("accepts * and semver ranges as the version, as Piston does", async () => {
    const python = (await piston({ server: server.url }).runtimes()).find(
      (runtime: { language: string }) => runtime.language === "python",
    );
    const major = python.version.split(".")[0];
    for (const version of ["*", python.version, `${major}.x`, `^${major}`, `>=${major} <99`]) {
      const { status, body } = await pistonExecute({
        language: "python",
        version,
        files: [{ content: "print(1)" }],
      });
      expect({ version, status }).toEqual({ version, status: 200 });
      expect(body.run.stdout).toBe("1\n");
    }
  });

  it("answers Piston's exact response shape for a compiled language", async () => {
    const { status, body } = await pistonExecute({
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
    const { body } = await pistonExecute({
      language: "c",
      version: "*",
      files: [{ content: "int main( {" }],
    });
    expect(body.compile.code).not.toBe(0);
    expect(body.run).toEqual(body.compile);
  });

  it("refuses a version selector too long to be one before parsing it as a range", async () => {
    // semver's range parser spent ~2 s of the event loop on 2 MB of "1.2.3 1.2.3 ...", during
    // which the server answered nobody.
    const { status, body } = await pistonExecute({
      language: "python",
      version: "1.2.3 ".repeat(300_000),
      files: [{ content: "print(1)" }],
    });
    expect(status).toBe(400);
    expect(body).toEqual({ message: "version must be at most 256 characters" });
  });

  it("answers Piston's { message } errors", async () => {
    const missing = await pistonExecute({
      language: "python",
      files: [],
    });
    expect(missing).toMatchObject({
      status: 400,
      body: { message: "version is required as a string" },
    });
    const unknown = await pistonExecute({
      language: "klingon",
      version: "*",
      files: [{ content: "" }],
    });
    expect(unknown).toMatchObject({
      status: 400,
      body: { message: "klingon-* runtime is unknown" },
    });
    const version = await pistonExecute({
      language: "python",
      version: "2",
      files: [{ content: "" }],
    });
    expect(version.body.message).toBe("python-2 runtime is unknown");
    const limit = await pistonExecute({
      language: "python",
      version: "*",
      files: [{ content: "" }],
      run_timeout: 10_000_000,
    });
    expect(limit.status).toBe(400);
    expect(Object.keys(limit.body)).toEqual(["message"]);
  });

  describe("WebSocket /api/v2/connect, Piston's protocol", () => {
    const connect = () => openSocket(`${server.url.replace(/^http/, "ws")}/api/v2/connect`);

    it("streams a run, takes stdin as data, and a signal kills it", async () => {
      const ws = await startPistonRun(
        server.url,
        pistonInit("python", "print('hello', input(), flush=True)\ninput()"),
      );
      expect(await ws.next("runtime")).toMatchObject({ language: "python" });
      expect(await ws.next("stage")).toEqual({ type: "stage", stage: "run" });
      ws.socket.send(pistonStdin("bob\n"));
      // Output comes in the chunks the program writes: read up to the end of the line.
      let stdout = "";
      while (!stdout.endsWith("\n")) {
        const data = await ws.next("data");
        expect(data.stream).toBe("stdout");
        stdout += data.data;
      }
      expect(stdout).toBe("hello bob\n");
      ws.socket.send(JSON.stringify({ type: "signal", signal: "SIGKILL" }));
      expect(await ws.next("exit")).toEqual({
        type: "exit",
        stage: "run",
        code: null,
        signal: "SIGKILL",
      });
      expect(await ws.closed).toEqual({ code: 4999, reason: "Job Completed" });
    });

    it("reports a compiled language's stages and exits", async () => {
      const ws = await startPistonRun(
        server.url,
        pistonInit("c++", '#include <cstdio>\nint main() { std::puts("built"); return 3; }'),
      );
      expect(await ws.closed).toEqual({ code: 4999, reason: "Job Completed" });
      const events = ws.messages.filter((message) => message.type !== "runtime");
      expect(events).toEqual([
        { type: "stage", stage: "compile" },
        { type: "exit", stage: "compile", code: 0, signal: null },
        { type: "stage", stage: "run" },
        { type: "data", stream: "stdout", data: "built\n" },
        { type: "exit", stage: "run", code: 3, signal: null },
      ]);
      expect(ws.messages[0]).toMatchObject({ type: "runtime", language: "c++" });
    });

    it("ends with an error when stdin piles up for a program that does not read it", async () => {
      // Without a cap, 300 such messages took a server from 100 MB to 550 MB of resident memory.
      const ws = await startPistonRun(
        server.url,
        pistonInit("python", "import time\ntime.sleep(3)"),
      );
      const chunk = pistonStdin("x".repeat(1_500_000));
      for (let i = 0; i < 8; i++) ws.socket.send(chunk);
      expect(await ws.closed).toEqual({ code: 4002, reason: "Notified Error" });
      const error = ws.messages.find((message) => message.type === "error");
      expect(error.message).toMatch(
        /has not read \d+ bytes of its stdin; at most 2097152 may wait/,
      );
      expect(ws.messages.some((message) => message.type === "exit")).toBe(false);
    });

    it("closes with Piston's codes when the protocol is misused", async () => {
      const closeOf = async (...messages: object[]) => {
        const ws = connect();
        await ws.opened;
        for (const message of messages) ws.socket.send(JSON.stringify(message));
        return { ...(await ws.closed), messages: ws.messages };
      };
      const waitForInput = {
        type: "init",
        language: "python",
        version: "*",
        files: [{ content: "input()" }],
      };
      expect(await closeOf({ type: "data", stream: "stdin", data: "x" })).toMatchObject({
        code: 4003,
        reason: "Not yet initialized",
      });
      expect(await closeOf()).toMatchObject({ code: 4001, reason: "Initialization Timeout" });
      expect(await closeOf(waitForInput, waitForInput)).toMatchObject({
        code: 4000,
        reason: "Already Initialized",
      });
      expect(
        await closeOf(waitForInput, { type: "data", stream: "stdout", data: "x" }),
      ).toMatchObject({ code: 4004, reason: "Can only write to stdin" });
      expect(await closeOf(waitForInput, { type: "signal", signal: "SIGNOPE" })).toMatchObject({
        code: 4005,
        reason: "Invalid signal",
      });
      expect(await closeOf({ ...waitForInput, language: "klingon" })).toEqual({
        code: 4002,
        reason: "Notified Error",
        messages: [{ type: "error", message: "klingon-* runtime is unknown" }],
      });
    });
  });
});

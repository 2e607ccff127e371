import { describe, expect, it } from "vitest";
import { MAX_ERROR_ANSWERS } from "../execution/run-socket-session.js";
import { busySandboxes, type Json, openSocket, useTestServer } from "../testing/test-server.js";

const INTERACTIVE = `
while True:
    try:
        line = input()
    except EOFError:
        print("bye")
        break
    print("echo:" + line, flush=True)
`;

describe("GET /v1/run (WebSocket)", () => {
  const server = useTestServer({ languages: ["python"], pool: { min: 1, max: 2 } });
  const wsUrl = () => `${server.url.replace("http", "ws")}/v1/run`;
  const busy = () => busySandboxes(server);
  /** Waits until no sandbox runs a job (`what` says whose). */
  const released = (what: string) => expect.poll(busy, { timeout: 8_000, message: what }).toBe(0);

  /** A socket whose run has printed and now sleeps, started once no earlier run holds a sandbox. */
  async function startSleepingRun() {
    await released("earlier runs to release their sandboxes");
    const client = openSocket(wsUrl());
    await client.opened;
    client.socket.send(
      JSON.stringify({
        type: "start",
        language: "python",
        source: "print('up', flush=True)\nimport time\ntime.sleep(30)",
      }),
    );
    await client.next("stdout");
    return client;
  }

  it("runs an interactive program: stdin typed while it runs, then the result", async () => {
    const client = openSocket(wsUrl());
    await client.opened;
    client.socket.send(JSON.stringify({ type: "start", language: "python", source: INTERACTIVE }));
    client.socket.send(JSON.stringify({ type: "stdin", data: "one\n" }));
    expect((await client.next("stdout")).data).toContain("echo:one");
    client.socket.send(JSON.stringify({ type: "stdin", data: "two\n" }));
    await expect
      .poll(() => client.messages.some((m) => m.type === "stdout" && m.data.includes("echo:two")), {
        timeout: 10_000,
        message: "echo:two",
      })
      .toBe(true);
    client.socket.send(JSON.stringify({ type: "stdin_end" }));
    const result = await client.next("result");
    expect(result).toMatchObject({ type: "result", language: "python", status: "ok" });
    expect(result.run.stdout).toBe("echo:one\necho:two\nbye\n");
    expect((await client.closed).code).toBe(1000);
  });

  it("kill ends the run, which still reports its result", async () => {
    const client = await startSleepingRun();
    client.socket.send(JSON.stringify({ type: "kill" }));
    const result = await client.next("result");
    expect(result.status).not.toBe("ok");
    expect(result.run.signal).toBe("SIGKILL");
    await client.closed;
  });

  it("closing the socket mid-run kills the run and frees its sandbox", async () => {
    const client = await startSleepingRun();
    expect(busy()).toBe(1);
    client.socket.close();
    await released("the sandbox to be released");
  });

  it("an invalid start gets an error naming the fields, then close 1008", async () => {
    const client = openSocket(wsUrl());
    await client.opened;
    client.socket.send(JSON.stringify({ type: "start", language: "python" }));
    const error = await client.next("error");
    expect(error.error.code).toBe("invalid_request");
    expect(error.error.details[0].path).toBe("files");
    expect((await client.closed).code).toBe(1008);
  });

  it("an unknown language gets unknown_language", async () => {
    const client = openSocket(wsUrl());
    await client.opened;
    client.socket.send(JSON.stringify({ type: "start", language: "klingon", source: "x" }));
    expect((await client.next("error")).error.code).toBe("unknown_language");
    await client.closed;
  });

  it("messages that are not JSON, or stdin before start, get errors without closing", async () => {
    const client = openSocket(wsUrl());
    await client.opened;
    client.socket.send("not json");
    expect((await client.next("error")).error.code).toBe("invalid_request");
    client.socket.send(JSON.stringify({ type: "stdin", data: "x" }));
    expect((await client.next("error")).error.message).toMatch(/start/);
    client.socket.send(JSON.stringify({ type: "start", language: "python", source: "print(1)" }));
    client.socket.send(JSON.stringify({ type: "stdin_end" }));
    expect((await client.next("result")).run.stdout).toBe("1\n");
  });

  it("a socket flooding invalid messages is closed 1008 and its run killed (no unbounded answers)", async () => {
    const client = await startSleepingRun();
    let closed: { code: number } | undefined;
    void client.closed.then((close) => {
      closed = close;
    });
    const flood = 200;
    for (let i = 0; i < flood; i++) client.socket.send("x");
    const errors = () => client.messages.filter((message) => message.type === "error").length;
    await expect
      .poll(() => closed !== undefined || errors() >= flood, {
        timeout: 10_000,
        message: "close or every answer",
      })
      .toBe(true);
    expect(errors()).toBeLessThanOrEqual(MAX_ERROR_ANSWERS + 1);
    expect(closed?.code).toBe(1008);
    await released("the flooding socket's sandbox to be released");
  });

  it("a plain GET without the upgrade gets 426", async () => {
    const response = await fetch(`${server.url}/v1/run`);
    expect(response.status).toBe(426);
    expect(((await response.json()) as Json).error.code).toBe("invalid_request");
  });
});

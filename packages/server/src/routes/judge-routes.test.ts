import { describe, expect, it } from "vitest";
import {
  busySandboxes,
  type Json,
  postForEvents,
  postJson,
  readSse,
  type SseEvent,
  useTestServer,
} from "../testing/test-server.js";

/** C rather than C++: it compiles several times faster on a loaded machine. */
const C_SUM = `#include <stdio.h>
int main(void) {
  long long a, b;
  if (scanf("%lld %lld", &a, &b) != 2) return 1;
  printf("%lld\\n", a + b);
  return 0;
}`;

/** Doubles its input; wrong (adds one more) for inputs above 100. */
const PYTHON_DOUBLE = "n = int(input())\nprint(2 * n + (1 if n > 100 else 0))";

const sumTests = [
  { name: "small", stdin: "1 2\n", expected: "3" },
  { name: "negative", stdin: "-5 5\n", expected: "0\n" },
  { name: "large", stdin: "1000000000000 1000000000000\n", expected: "2000000000000\n" },
];

const parse = (event: SseEvent | undefined): Json => JSON.parse(event?.data ?? "");

describe("POST /v1/judge and /v1/judge/stream", () => {
  const server = useTestServer({
    languages: ["python", "c"],
    pool: { min: 1, max: 2 },
    maxLimits: { timeMs: 20_000 },
  });

  it("judges a C submission compiled once against its tests", async () => {
    const { status, body } = await postJson(`${server.url}/v1/judge`, {
      language: "c",
      source: C_SUM,
      tests: sumTests,
      compare: "tokens",
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      language: "c",
      verdict: "accepted",
      compile: { exitCode: 0 },
      passed: 3,
      total: 3,
    });
    expect(body.tests.map((test: Json) => [test.index, test.name, test.verdict])).toEqual([
      [0, "small", "accepted"],
      [1, "negative", "accepted"],
      [2, "large", "accepted"],
    ]);
    expect(body.tests[2].run.stdout).toBe("2000000000000\n");
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/warmbox_judges_total\{language="c",verdict="accepted"\} 1/);
  });

  it("a wrong answer: its verdict, and the difference only when revealed", async () => {
    const request = {
      language: "python",
      source: PYTHON_DOUBLE,
      tests: [
        { stdin: "4", expected: "8" },
        { stdin: "200", expected: "400" },
        { stdin: "7", expected: "14" },
      ],
    };
    const hidden = await postJson(`${server.url}/v1/judge`, request);
    expect(hidden.status).toBe(200);
    expect(hidden.body).toMatchObject({ verdict: "wrong_answer", passed: 2, total: 3 });
    expect(hidden.body.tests.map((test: Json) => test.verdict)).toEqual([
      "accepted",
      "wrong_answer",
      "accepted",
    ]);
    expect(hidden.body.tests[1].diff).toBeUndefined();

    const revealed = await postJson(`${server.url}/v1/judge`, { ...request, reveal: true });
    expect(revealed.body.tests[1].diff).toEqual({ line: 1, expected: "400", actual: "401" });
  });

  it("streams the compile, then each test as it finishes, then the result", async () => {
    const response = await postForEvents(`${server.url}/v1/judge/stream`, {
      language: "c",
      source: C_SUM,
      tests: sumTests,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = await readSse(response);
    expect(events.map((event) => event.event)).toEqual([
      "compile",
      "test",
      "test",
      "test",
      "result",
    ]);
    expect(parse(events[0])).toMatchObject({ exitCode: 0 });
    const tests = events.slice(1, 4).map(parse);
    expect(tests.map((test) => test.index).sort()).toEqual([0, 1, 2]);
    const result = parse(events[4]);
    expect(result).toMatchObject({ verdict: "accepted", passed: 3, total: 3 });
    // Each streamed test is the one the result holds in its place.
    for (const test of tests) expect(result.tests[test.index]).toEqual(test);
  });

  it("streams `compile: null` first for a language without a compile stage", async () => {
    const response = await postForEvents(`${server.url}/v1/judge/stream`, {
      language: "python",
      source: PYTHON_DOUBLE,
      tests: [{ stdin: "1", expected: "2" }],
    });
    const events = await readSse(response);
    expect(
      events.map((event) => [event.event, event.event === "compile" ? event.data : ""]),
    ).toEqual([
      ["compile", "null"],
      ["test", ""],
      ["result", ""],
    ]);
    expect(parse(events[2])).toMatchObject({ verdict: "accepted", compile: null });
  });

  it("a bad request is a 400 JSON answer, not a stream, naming the field", async () => {
    for (const path of ["/v1/judge", "/v1/judge/stream"]) {
      const response = await postForEvents(`${server.url}${path}`, {
        language: "python",
        source: "print(1)",
        tests: [],
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as Json;
      expect(body.error.code).toBe("invalid_request");
      expect(body.error.details.map((issue: Json) => issue.path)).toContain("tests");
    }
  });

  it("a client that drops a judge stream stops the judge and frees its sandboxes", async () => {
    await expect
      .poll(() => busySandboxes(server), { timeout: 10_000, message: "earlier runs to end" })
      .toBe(0);
    const controller = new AbortController();
    const response = await postForEvents(
      `${server.url}/v1/judge/stream`,
      {
        language: "python",
        source: "import time\nn = int(input())\ntime.sleep(n)\nprint(n)",
        // The first test ends at once and opens the stream; the others would sleep on.
        tests: [{ stdin: "0" }, { stdin: "15" }, { stdin: "15" }, { stdin: "15" }],
        concurrency: 2,
        limits: { timeMs: 20_000 },
      },
      { signal: controller.signal },
    );
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let text = "";
    while (!text.includes("event: test")) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended early: ${text}`);
      text += new TextDecoder().decode(value);
    }
    await expect
      .poll(() => busySandboxes(server), { timeout: 10_000, message: "two sleeping tests" })
      .toBe(2);
    controller.abort();
    await expect
      .poll(() => busySandboxes(server), { timeout: 10_000, message: "the sandboxes to be freed" })
      .toBe(0);
    expect(server.engine.stats().queued).toBe(0);
  });
});

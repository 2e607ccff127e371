import { describe, expect, it } from "vitest";
import { type Json, postJson, useTestServer } from "../testing/test-server.js";

const KEY_A = "key-a-0123456789abcdef0123456789abcdef";
const KEY_B = "key-b-0123456789abcdef0123456789abcdef";
const as = (key: string) => ({ authorization: `Bearer ${key}` });

async function getJson(url: string, headers: Record<string, string>) {
  const response = await fetch(url, { headers });
  return { status: response.status, body: (await response.json()) as Json };
}

const python = (source: string, stdin?: string) => ({
  kind: "execute",
  request: { language: "python", source, stdin },
});

describe("the native submissions API", () => {
  const server = useTestServer({ apiKeys: [KEY_A, KEY_B] });
  const submit = (body: unknown, key = KEY_A, query = "") =>
    postJson(`${server.url}/v1/submissions${query}`, body, as(key));

  it("queues a run, answers 202 { id } at once, and keeps its result", async () => {
    const created = await submit(python("print(input()[::-1])", "olleh\n"));
    expect(created.status).toBe(202);
    expect(Object.keys(created.body)).toEqual(["id"]);
    let answer: Json;
    await expect
      .poll(
        async () => {
          answer = (await getJson(`${server.url}/v1/submissions/${created.body.id}`, as(KEY_A)))
            .body;
          return answer.state;
        },
        { timeout: 30_000, interval: 100 },
      )
      .toBe("done");
    expect(answer).toMatchObject({
      id: created.body.id,
      kind: "execute",
      attempts: 1,
      result: { status: "ok", run: { stdout: "hello\n" } },
    });
    expect(Date.parse(answer.finishedAt)).toBeGreaterThanOrEqual(Date.parse(answer.createdAt));
  });

  it("waits for the result with ?wait=true, and judges", async () => {
    const judged = await submit(
      {
        kind: "judge",
        request: {
          language: "python",
          source: "print(int(input()) * 2)",
          tests: [
            { stdin: "2\n", expected: "4\n" },
            { stdin: "5\n", expected: "11\n" },
          ],
        },
      },
      KEY_A,
      "?wait=true",
    );
    expect(judged.status).toBe(200);
    expect(judged.body).toMatchObject({
      state: "done",
      kind: "judge",
      result: { verdict: "wrong_answer", passed: 1, total: 2 },
    });
  });

  it("shows a submission to its own key alone: another key gets 404, lists and deletes none", async () => {
    const mine = await submit(python("print(1)"), KEY_A, "?wait=true");
    expect(mine.status).toBe(200);
    const url = `${server.url}/v1/submissions/${mine.body.id}`;
    expect((await getJson(url, as(KEY_B))).status).toBe(404);
    const deleteAsB = await fetch(url, { method: "DELETE", headers: as(KEY_B) });
    expect(deleteAsB.status).toBe(404);
    const listB = await getJson(`${server.url}/v1/submissions?limit=100`, as(KEY_B));
    expect(listB.body.items.map((item: Json) => item.id)).not.toContain(mine.body.id);
    const listA = await getJson(`${server.url}/v1/submissions?status=done&limit=100`, as(KEY_A));
    expect(listA.body.items.map((item: Json) => item.id)).toContain(mine.body.id);
    expect((await getJson(url, as(KEY_A))).status).toBe(200);
    // A UUID is the same id in upper case (RFC 9562): found, answered in its stored form.
    const upper = await getJson(url.replace(mine.body.id, mine.body.id.toUpperCase()), as(KEY_A));
    expect(upper.status).toBe(200);
    expect(upper.body.id).toBe(mine.body.id);

    const deleted = await fetch(url, { method: "DELETE", headers: as(KEY_A) });
    expect(deleted.status).toBe(204);
    expect((await getJson(url, as(KEY_A))).status).toBe(404);
    expect((await getJson(`${server.url}/v1/submissions/not-a-uuid`, as(KEY_A))).status).toBe(404);
  });

  it("pages a listing with its cursor, newest first", async () => {
    const ids: string[] = [];
    for (let index = 0; index < 3; index++) {
      ids.push((await submit(python(`print(${index})`), KEY_B)).body.id);
    }
    const first = await getJson(`${server.url}/v1/submissions?limit=2`, as(KEY_B));
    expect(first.body.items.map((item: Json) => item.id)).toEqual([ids[2], ids[1]]);
    const second = await getJson(
      `${server.url}/v1/submissions?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
      as(KEY_B),
    );
    expect(second.body.items.map((item: Json) => item.id)[0]).toBe(ids[0]);
    const forged = await getJson(`${server.url}/v1/submissions?cursor=forged`, as(KEY_B));
    expect(forged.status).toBe(400);
    expect(forged.body.error.details[0].path).toBe("cursor");
  });

  it("refuses bad submissions with a 400 naming the field, and stores none", async () => {
    const before = await getJson(`${server.url}/v1/submissions?limit=100`, as(KEY_A));
    const noTests = await submit({ kind: "judge", request: { language: "python", source: "" } });
    expect(noTests.status).toBe(400);
    expect(noTests.body.error.code).toBe("invalid_request");
    expect(noTests.body.error.details.map((issue: Json) => issue.path)).toContain("request.tests");

    const badKind = await submit({ kind: "compile", request: {} });
    expect(badKind.status).toBe(400);
    expect(badKind.body.error.details[0].path).toBe("kind");

    const language = await submit({
      kind: "execute",
      request: { language: "cobol-85", source: "" },
    });
    expect(language.status).toBe(400);
    expect(language.body.error.code).toBe("unknown_language");
    expect(language.body.error.message).toContain("request.language");

    const wait = await submit(python("print(1)"), KEY_A, "?wait=soon");
    expect(wait.status).toBe(400);
    expect(wait.body.error.details[0].path).toBe("wait");

    const after = await getJson(`${server.url}/v1/submissions?limit=100`, as(KEY_A));
    expect(after.body.items.length).toBe(before.body.items.length);
  });

  it.each([
    "http://127.0.0.1:9/hook",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::ffff:10.0.0.1]/",
    "ftp://example.com/",
  ])("refuses the callback URL %s while private callbacks are off", async (callbackUrl) => {
    const refused = await submit({ ...python("print(1)"), callbackUrl });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([
      { path: "callbackUrl", message: expect.stringMatching(/public address|http/) },
    ]);
  });

  it("counts submissions by state in the metrics", async () => {
    const metrics = await fetch(`${server.url}/metrics`, { headers: as(KEY_A) }).then((r) =>
      r.text(),
    );
    expect(metrics).toMatch(/warmbox_submissions\{state="done"\} [1-9]/);
    expect(metrics).toMatch(/warmbox_submissions\{state="queued"\} \d/);
  });

  it("asks for the API key like every other route", async () => {
    const response = await postJson(`${server.url}/v1/submissions`, python("print(1)"));
    expect(response.status).toBe(401);
  });
});

describe("a key's bound of stored submissions", () => {
  const server = useTestServer({ apiKeys: [KEY_A, KEY_B], maxStoredPerKey: 2 });
  const submit = (body: unknown, key: string, query = "") =>
    postJson(`${server.url}/v1/submissions${query}`, body, as(key));

  it("refuses a key's submission past its stored bound, finished ones counted, until it deletes one", async () => {
    const done = [];
    for (let index = 0; index < 2; index++) {
      done.push(await submit(python(`print(${index})`), KEY_A, "?wait=true"));
    }
    expect(done.map((answer) => answer.body.state)).toEqual(["done", "done"]);
    const refused = await submit(python("print(2)"), KEY_A);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("too_many_stored_submissions");
    expect(refused.body.error.message).toMatch(/2 submissions stored; at most 2/);
    expect((await getJson(`${server.url}/v1/submissions`, as(KEY_A))).body.items).toHaveLength(2);
    expect((await submit(python("print(3)"), KEY_B)).status).toBe(202);
    const deleted = await fetch(`${server.url}/v1/submissions/${done[0]?.body.id}`, {
      method: "DELETE",
      headers: as(KEY_A),
    });
    expect(deleted.status).toBe(204);
    expect((await submit(python("print(4)"), KEY_A)).status).toBe(202);
  });
});

describe("a key's bound of unfinished submissions, and its callback secret", () => {
  const server = useTestServer({ apiKeys: [KEY_A, KEY_B], maxUnfinishedPerKey: 2 });
  const sleeper = {
    kind: "execute",
    request: { language: "python", source: "import time\ntime.sleep(5)" },
  };

  it("refuses a key's submission past its bound with 429 too_many_submissions; other keys go on", async () => {
    const submitted = [];
    for (let index = 0; index < 3; index++) {
      submitted.push(await postJson(`${server.url}/v1/submissions`, sleeper, as(KEY_A)));
    }
    expect(submitted.map((answer) => answer.status)).toEqual([202, 202, 429]);
    const refused = submitted[2];
    expect(refused?.body.error.code).toBe("too_many_submissions");
    expect(refused?.body.error.message).toMatch(/at most 2/);
    const listed = await getJson(`${server.url}/v1/submissions`, as(KEY_A));
    expect(listed.body.items).toHaveLength(2);
    const other = await postJson(`${server.url}/v1/submissions`, sleeper, as(KEY_B));
    expect(other.status).toBe(202);
    for (const answer of [...submitted.slice(0, 2)]) {
      const deleted = await fetch(`${server.url}/v1/submissions/${answer.body.id}`, {
        method: "DELETE",
        headers: as(KEY_A),
      });
      expect(deleted.status).toBe(204);
    }
    expect((await postJson(`${server.url}/v1/submissions`, sleeper, as(KEY_A))).status).toBe(202);
  });

  it("gives each key its own callback secret, and none without a key", async () => {
    const a = await getJson(`${server.url}/v1/submissions/callback-secret`, as(KEY_A));
    const b = await getJson(`${server.url}/v1/submissions/callback-secret`, as(KEY_B));
    expect(a.status).toBe(200);
    expect(a.body.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(b.body.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(a.body.secret).not.toBe(b.body.secret);
    expect((await getJson(`${server.url}/v1/submissions/callback-secret`, as(KEY_A))).body).toEqual(
      a.body,
    );
    expect((await fetch(`${server.url}/v1/submissions/callback-secret`)).status).toBe(401);
  });
});

/**
 * A Judge0 client's view of the API, written from Judge0 CE 1.13.1's published documentation
 * (submission attributes, statuses, config_info keys, batch and fields rules), not from this
 * server's mapping code: a real server on a loopback port over real sandboxes.
 */
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import yazl from "yazl";
import { type Json, useTestServer } from "../testing/test-server.js";

const KEY = "judge0-client-test-key-0123456789abcdef";
const OTHER_KEY = "judge0-client-test-other-key-0123456789";
const dataDir = mkdtempSync(join(tmpdir(), "warmbox-judge0-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const server = useTestServer({
  languages: ["python", "c", "bash"],
  apiKeys: [KEY, OTHER_KEY],
  judge0Root: true,
  dataDir,
  // The callback test's receiver listens on loopback.
  allowPrivateCallbacks: true,
});

/** Judge0 CE 1.13.1's statuses, from its documentation. */
const DOCUMENTED_STATUSES = [
  [1, "In Queue"],
  [2, "Processing"],
  [3, "Accepted"],
  [4, "Wrong Answer"],
  [5, "Time Limit Exceeded"],
  [6, "Compilation Error"],
  [7, "Runtime Error (SIGSEGV)"],
  [8, "Runtime Error (SIGXFSZ)"],
  [9, "Runtime Error (SIGFPE)"],
  [10, "Runtime Error (SIGABRT)"],
  [11, "Runtime Error (NZEC)"],
  [12, "Runtime Error (Other)"],
  [13, "Internal Error"],
  [14, "Exec Format Error"],
];

/** The keys Judge0 CE 1.13.1 answers at /config_info. */
const CONFIG_INFO_KEYS = [
  "maintenance_mode",
  "enable_wait_result",
  "enable_compiler_options",
  "allowed_languages_for_compile_options",
  "enable_command_line_arguments",
  "enable_submission_delete",
  "enable_callbacks",
  "callbacks_max_tries",
  "callbacks_timeout",
  "enable_additional_files",
  "max_queue_size",
  "cpu_time_limit",
  "max_cpu_time_limit",
  "cpu_extra_time",
  "max_cpu_extra_time",
  "wall_time_limit",
  "max_wall_time_limit",
  "memory_limit",
  "max_memory_limit",
  "stack_limit",
  "max_stack_limit",
  "max_processes_and_or_threads",
  "max_max_processes_and_or_threads",
  "enable_per_process_and_thread_time_limit",
  "allow_enable_per_process_and_thread_time_limit",
  "enable_per_process_and_thread_memory_limit",
  "allow_enable_per_process_and_thread_memory_limit",
  "max_file_size",
  "max_max_file_size",
  "number_of_runs",
  "max_number_of_runs",
  "redirect_stderr_to_stdout",
  "max_extract_size",
  "enable_batched_submissions",
  "max_submission_batch_size",
  "submission_cache_duration",
  "use_docs_as_homepage",
  "allow_enable_network",
  "enable_network",
];

/** The attributes a submission has in Judge0's documentation (model + status and language). */
const SUBMISSION_ATTRIBUTES = [
  "source_code",
  "language_id",
  "compiler_options",
  "command_line_arguments",
  "stdin",
  "expected_output",
  "cpu_time_limit",
  "cpu_extra_time",
  "wall_time_limit",
  "memory_limit",
  "stack_limit",
  "max_processes_and_or_threads",
  "enable_per_process_and_thread_time_limit",
  "enable_per_process_and_thread_memory_limit",
  "max_file_size",
  "number_of_runs",
  "redirect_stderr_to_stdout",
  "callback_url",
  "additional_files",
  "enable_network",
  "stdout",
  "stderr",
  "compile_output",
  "message",
  "exit_code",
  "exit_signal",
  "status",
  "created_at",
  "finished_at",
  "token",
  "time",
  "wall_time",
  "memory",
];

const b64 = (text: string) => Buffer.from(text).toString("base64");
const unb64 = (text: string) => Buffer.from(text, "base64").toString();

/** A Judge0 client: base URL plus the token header, as Judge0's docs describe. */
async function call(
  method: string,
  path: string,
  body?: unknown,
  options: { key?: string | null; base?: string } = {},
): Promise<{ status: number; body: Json }> {
  const key = options.key === undefined ? KEY : options.key;
  const headers: Record<string, string> = {};
  if (key !== null) headers["x-auth-token"] = key;
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${server.url}${options.base ?? "/judge0"}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === "" ? null : JSON.parse(text) };
}

/** Creates a submission and waits for its result (`?wait=true`). */
async function run(submission: Record<string, unknown>, query = ""): Promise<Json> {
  const answer = await call("POST", `/submissions?wait=true${query}`, submission);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

/** Polls GET /submissions/:token until the status is final (id > 2), as a Judge0 client does. */
async function poll(token: string, query = ""): Promise<Json> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const answer = await call("GET", `/submissions/${token}?${query}`);
    expect(answer.status).toBe(200);
    if (answer.body.status.id > 2) return answer.body;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`submission ${token} did not finish`);
}

function zip(files: Record<string, string>): Promise<string> {
  const archive = new yazl.ZipFile();
  for (const [name, content] of Object.entries(files))
    archive.addBuffer(Buffer.from(content), name);
  archive.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    archive.outputStream.on("data", (chunk: Buffer) => chunks.push(chunk));
    archive.outputStream.on("error", reject);
    archive.outputStream.on("end", () => resolve(Buffer.concat(chunks).toString("base64")));
  });
}

describe("Judge0 information endpoints", () => {
  it("GET /about reports compatibility with Judge0 1.13.1", async () => {
    const answer = await call("GET", "/about");
    expect(answer.status).toBe(200);
    expect(answer.body.version).toBe("1.13.1");
  });

  it("GET /config_info answers every key Judge0 1.13.1 answers", async () => {
    const { status, body } = await call("GET", "/config_info");
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual([...CONFIG_INFO_KEYS].sort());
    expect(body.max_submission_batch_size).toBe(20);
    expect(body.cpu_time_limit).toBeGreaterThan(0);
  });

  it("GET /statuses lists the 14 documented statuses", async () => {
    const { body } = await call("GET", "/statuses");
    expect(body.map((status: Json) => [status.id, status.description])).toEqual(
      DOCUMENTED_STATUSES,
    );
  });

  it("GET /languages lists { id, name } with Judge0's ids; /languages/:id and /languages/all", async () => {
    const { body } = await call("GET", "/languages");
    const byId = new Map(body.map((language: Json) => [language.id, language.name]));
    expect(byId.get(71)).toMatch(/^Python \(\d/);
    expect(byId.get(50)).toMatch(/^C \(GCC \d/);
    expect(byId.get(46)).toMatch(/^Bash \(\d/);
    expect(byId.get(43)).toBe("Plain Text");
    expect(byId.get(44)).toBe("Executable");
    expect(byId.get(89)).toBe("Multi-file program");
    expect(Object.keys(body[0]).sort()).toEqual(["id", "name"]);

    const python = await call("GET", "/languages/71");
    expect(python.status).toBe(200);
    expect(python.body).toMatchObject({ id: 71, is_archived: false, source_file: "main.py" });
    expect((await call("GET", "/languages/9999")).status).toBe(404);

    const all = (await call("GET", "/languages/all")).body;
    expect(all).toContainEqual(expect.objectContaining({ id: 92, is_archived: true }));
  });

  it("GET /workers describes the queue", async () => {
    const { status, body } = await call("GET", "/workers");
    expect(status).toBe(200);
    expect(body[0]).toEqual(
      expect.objectContaining({
        size: expect.any(Number),
        available: expect.any(Number),
        idle: expect.any(Number),
        working: expect.any(Number),
      }),
    );
  });
});

describe("Judge0 authentication", () => {
  it("refuses a request without X-Auth-Token, or with a wrong one", async () => {
    expect((await call("GET", "/statuses", undefined, { key: null })).status).toBe(401);
    expect((await call("GET", "/statuses", undefined, { key: "x".repeat(40) })).status).toBe(401);
    const atRoot = { key: null, base: "" };
    expect(
      (await call("POST", "/submissions", { source_code: "1", language_id: 71 }, atRoot)).status,
    ).toBe(401);
  });

  it("keeps one key's submissions from another key", async () => {
    const { body } = await call("POST", "/submissions", {
      source_code: "print(1)",
      language_id: 71,
    });
    expect(
      (await call("GET", `/submissions/${body.token}`, undefined, { key: OTHER_KEY })).status,
    ).toBe(404);
  });
});

describe("Judge0 submissions", () => {
  it("creates without waiting (201 { token }), then GET answers Judge0's default fields", async () => {
    const created = await call("POST", "/submissions", {
      source_code: "print(input())",
      language_id: 71,
      stdin: "hello",
    });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body)).toEqual(["token"]);
    const result = await poll(created.body.token);
    expect(Object.keys(result).sort()).toEqual(
      ["token", "time", "memory", "stdout", "stderr", "compile_output", "message", "status"].sort(),
    );
    expect(result).toMatchObject({
      token: created.body.token,
      stdout: "hello\n",
      stderr: null,
      compile_output: null,
      status: { id: 3, description: "Accepted" },
    });
    expect(result.time).toMatch(/^\d+\.\d+$/);
    expect(result.memory).toBeGreaterThan(0);
  });

  it("waits with ?wait=true, and speaks base64 both ways with ?base64_encoded=true", async () => {
    const result = await run(
      { source_code: b64("print(input()[::-1])"), language_id: 71, stdin: b64("olleh") },
      "&base64_encoded=true",
    );
    expect(result.status.id).toBe(3);
    expect(unb64(result.stdout)).toBe("hello\n");
  });

  it("selects attributes with ?fields=, all of them with *, and refuses unknown ones", async () => {
    const { token } = (
      await call("POST", "/submissions", { source_code: "print(2)", language_id: 71 })
    ).body;
    await poll(token);
    const some = await call("GET", `/submissions/${token}?fields=stdout,status_id,language_id`);
    expect(some.body).toEqual({ stdout: "2\n", status_id: 3, language_id: 71 });
    const all = await call("GET", `/submissions/${token}?fields=*`);
    for (const attribute of SUBMISSION_ATTRIBUTES) expect(all.body).toHaveProperty(attribute);
    expect(all.body.language).toMatchObject({ id: 71 });
    expect(all.body.wall_time).toMatch(/^\d+\.\d+$/);
    expect(all.body.source_code).toBe("print(2)");
    const invalid = await call("GET", `/submissions/${token}?fields=stdout,bogus`);
    expect(invalid).toEqual({ status: 400, body: { error: "invalid fields: [bogus]" } });
  });

  it("answers 422 { field: [messages] } for bad attributes", async () => {
    const missing = await call("POST", "/submissions", { source_code: "x" });
    expect(missing.status).toBe(422);
    expect(missing.body.language_id).toEqual(expect.arrayContaining([expect.any(String)]));
    const bounds = await call("POST", "/submissions", {
      source_code: "x",
      language_id: 71,
      cpu_time_limit: 100_000,
    });
    expect(bounds.status).toBe(422);
    expect(Object.keys(bounds.body)).toEqual(["cpu_time_limit"]);
    expect(
      (await call("POST", "/submissions", { source_code: "x", language_id: 4242 })).status,
    ).toBe(422);
  });

  it("passes command_line_arguments split as a shell would", async () => {
    const result = await run({
      source_code: "import sys; print(sys.argv[1:])",
      language_id: 71,
      command_line_arguments: `one "two words" 'three'`,
    });
    expect(result.stdout).toBe("['one', 'two words', 'three']\n");
  });

  // Judge0's docs: compiler_options go to the compiler of a language that has one, for the
  // languages /config_info lists in allowed_languages_for_compile_options (name prefixes).
  it("passes compiler_options to the compiler of an allowed language, refuses them elsewhere", async () => {
    const config = (await call("GET", "/config_info")).body;
    expect(config.enable_compiler_options).toBe(true);
    const languages: Json[] = (await call("GET", "/languages")).body;
    const c = languages.find((language) => language.id === 50);
    const allowed: string[] = config.allowed_languages_for_compile_options;
    expect(allowed.some((prefix) => c?.name.startsWith(`${prefix} `))).toBe(true);

    const source = [
      "#include <stdio.h>",
      "int main(void) {",
      "#ifdef __OPTIMIZE__",
      '  puts("optimized");',
      "#endif",
      '  printf("%d\\n", GREETING);',
      "  return 0;",
      "}",
    ].join("\n");
    // -O0 after the server's own -O2 wins, as the last -O does on a gcc command line.
    const built = await run({
      source_code: source,
      language_id: 50,
      compiler_options: "-O0 -DGREETING=42",
    });
    expect(built.status, JSON.stringify(built)).toEqual({ id: 3, description: "Accepted" });
    expect(built.stdout).toBe("42\n");
    const missing = await run({ source_code: source, language_id: 50 });
    expect(missing.status.id).toBe(6);
    expect(missing.compile_output).toMatch(/GREETING/);
    const refusedByGcc = await run({
      source_code: source,
      language_id: 50,
      compiler_options: "-DGREETING=1 --no-such-option",
    });
    expect(refusedByGcc.status.id).toBe(6);
    expect(refusedByGcc.compile_output).toMatch(/no-such-option/);

    const interpreted = await call("POST", "/submissions", {
      source_code: "print(1)",
      language_id: 71,
      compiler_options: "-O",
    });
    expect(interpreted).toEqual({
      status: 422,
      body: {
        compiler_options: ["setting compiler options is only allowed for compiled languages"],
      },
    });
  });

  // Judge0 refuses such output without base64; Warmbox's engine decodes output as UTF-8 (bytes
  // that aren't show as U+FFFD), so the bytes are gone either way and the text is answered.
  it("answers output that is not UTF-8 with U+FFFD in its place, base64 or not", async () => {
    const source = "import sys; sys.stdout.buffer.write(b'\\xff\\xfe')";
    const plain = await call("POST", "/submissions?wait=true", {
      source_code: source,
      language_id: 71,
    });
    expect(plain.status).toBe(201);
    expect(plain.body.stdout).toBe("\uFFFD\uFFFD");
    const get = await call("GET", `/submissions/${plain.body.token}`);
    expect(get.status).toBe(200);
    const encoded = await call("GET", `/submissions/${plain.body.token}?base64_encoded=true`);
    expect(encoded.status).toBe(200);
    expect(Buffer.from(encoded.body.stdout, "base64").toString()).toBe("\uFFFD\uFFFD");
  });

  it("lists the caller's submissions, paginated with Judge0's meta", async () => {
    const { status, body } = await call(
      "GET",
      "/submissions?page=1&per_page=2&fields=token,status",
    );
    expect(status).toBe(200);
    expect(body.submissions).toHaveLength(2);
    expect(body.meta).toMatchObject({ current_page: 1, next_page: 2, prev_page: null });
    const second = await call("GET", "/submissions?page=2&per_page=2");
    expect(second.body.meta).toMatchObject({ current_page: 2, prev_page: 1 });
    expect(second.body.submissions[0].token).not.toBe(body.submissions[0].token);
    expect((await call("GET", "/submissions?page=0")).status).toBe(400);
  });

  it("deletes a finished submission (answered in base64), then it is gone", async () => {
    const result = await run({ source_code: "print('bye')", language_id: 71 });
    const deleted = await call("DELETE", `/submissions/${result.token}?fields=stdout,token`);
    expect(deleted.status).toBe(200);
    expect(unb64(deleted.body.stdout)).toBe("bye\n");
    expect((await call("GET", `/submissions/${result.token}`)).status).toBe(404);
  });
});

describe("Judge0 callbacks", () => {
  it("PUTs the finished submission to callback_url, base64 encoded, with the default fields", async () => {
    const received: { method: string; body: string }[] = [];
    const receiver = createServer(async (request, response) => {
      let body = "";
      for await (const chunk of request) body += chunk;
      received.push({ method: request.method ?? "", body });
      response.end();
    });
    receiver.listen(0, "127.0.0.1");
    await once(receiver, "listening");
    const { port } = receiver.address() as { port: number };
    try {
      const created = await call("POST", "/submissions", {
        source_code: "print('hi')",
        language_id: 71,
        callback_url: `http://127.0.0.1:${port}/judge0-callback`,
      });
      expect(created.status).toBe(201);
      await expect.poll(() => received.length, { timeout: 60_000, interval: 200 }).toBe(1);
      const [callback] = received;
      expect(callback?.method).toBe("PUT");
      const body = JSON.parse(callback?.body ?? "{}");
      expect(Object.keys(body).sort()).toEqual(
        [
          "compile_output",
          "memory",
          "message",
          "status",
          "stderr",
          "stdout",
          "time",
          "token",
        ].sort(),
      );
      expect(body.token).toBe(created.body.token);
      expect(body.status).toEqual({ id: 3, description: "Accepted" });
      expect(Buffer.from(body.stdout, "base64").toString()).toBe("hi\n");
    } finally {
      receiver.close();
    }
  });
});

describe("Judge0 batches", () => {
  it("creates a batch where a bad item gets its own errors, and reads it back by tokens", async () => {
    const created = await call("POST", "/submissions/batch", {
      submissions: [
        { source_code: "print(1)", language_id: 71 },
        { source_code: "print(2)" },
        { source_code: "print(3)", language_id: 71 },
      ],
    });
    expect(created.status).toBe(201);
    expect(created.body).toHaveLength(3);
    expect(created.body[0]).toEqual({ token: expect.any(String) });
    expect(created.body[1].language_id).toEqual(expect.arrayContaining([expect.any(String)]));
    const tokens = [created.body[0].token, created.body[2].token];
    await Promise.all(tokens.map((token) => poll(token)));
    const unknown = "00000000-0000-4000-8000-000000000000";
    const read = await call(
      "GET",
      `/submissions/batch?tokens=${[...tokens, unknown].join(",")}&fields=token,stdout,status_id`,
    );
    expect(read.status).toBe(200);
    expect(read.body.submissions).toEqual([
      { token: tokens[0], stdout: "1\n", status_id: 3 },
      { token: tokens[1], stdout: "3\n", status_id: 3 },
      null,
    ]);
  });

  it("bounds a batch to 1-20 submissions", async () => {
    const none = await call("POST", "/submissions/batch", { submissions: [] });
    expect(none.status).toBe(400);
    const many = Array.from({ length: 21 }, () => ({ source_code: "print(1)", language_id: 71 }));
    expect((await call("POST", "/submissions/batch", { submissions: many })).status).toBe(400);
    const tokens = Array.from({ length: 21 }, () => "00000000-0000-4000-8000-000000000000");
    expect((await call("GET", `/submissions/batch?tokens=${tokens.join(",")}`)).status).toBe(400);
  });
});

describe("Judge0 statuses the engine produces", () => {
  const c = (source: string, extra: Record<string, unknown> = {}) =>
    run({ source_code: source, language_id: 50, ...extra });

  // The server's Python pool has 2 sandboxes: of 4 sleepers, the 4th waits in the queue until a
  // sleeper is done, seconds later. Judge0's docs: a queued or processing submission is not
  // deleted (400 naming its status).
  it("1 In Queue while the sandboxes are taken, 2 Processing while it runs, then 3", async () => {
    const sleeper = {
      source_code: "import time\ntime.sleep(4)\nprint('done')",
      language_id: 71,
      wall_time_limit: 15,
    };
    const tokens: string[] = [];
    for (let index = 0; index < 4; index++) {
      const created = await call("POST", "/submissions", sleeper);
      expect(created.status).toBe(201);
      tokens.push(created.body.token);
    }
    const last = tokens[3];
    expect((await call("GET", `/submissions/${last}`)).body.status).toEqual({
      id: 1,
      description: "In Queue",
    });
    expect(await call("DELETE", `/submissions/${last}`)).toEqual({
      status: 400,
      body: { error: "submission cannot be deleted because its status is 1 (In Queue)" },
    });

    // The first sleeper is seen running before it is done.
    let first = (await call("GET", `/submissions/${tokens[0]}`)).body;
    while (first.status.id === 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      first = (await call("GET", `/submissions/${tokens[0]}`)).body;
    }
    expect(first.status).toEqual({ id: 2, description: "Processing" });
    expect(first.stdout).toBeNull();

    for (const token of tokens) {
      const done = await poll(token);
      expect(done).toMatchObject({ status: { id: 3 }, stdout: "done\n" });
    }
  });

  it("3 Accepted and 4 Wrong Answer against expected_output (trailing whitespace ignored)", async () => {
    const accepted = await run({
      source_code: "print('1 2  ')\nprint()",
      language_id: 71,
      expected_output: "1 2\n",
    });
    expect(accepted.status).toEqual({ id: 3, description: "Accepted" });
    const wrong = await run({ source_code: "print(3)", language_id: 71, expected_output: "4" });
    expect(wrong.status).toEqual({ id: 4, description: "Wrong Answer" });
  });

  it("5 Time Limit Exceeded", async () => {
    const result = await run({
      source_code: "while True: pass",
      language_id: 71,
      cpu_time_limit: 1,
    });
    expect(result.status.id).toBe(5);
  });

  it("6 Compilation Error with compile_output", async () => {
    const result = await c("int main(void) { return nope; }");
    expect(result.status.id).toBe(6);
    expect(result.compile_output).toMatch(/nope/);
  });

  it("7 SIGSEGV, 9 SIGFPE, 10 SIGABRT by signal", async () => {
    const segv = await c("int main(void) { volatile int *p = 0; *p = 1; return 0; }");
    expect(segv.status).toEqual({ id: 7, description: "Runtime Error (SIGSEGV)" });
    const fpe = await c("int main(void) { volatile int a = 7, z = 0; return a / z; }");
    expect(fpe.status.id).toBe(9);
    const abrt = await c("#include <stdlib.h>\nint main(void) { abort(); }");
    expect(abrt.status.id).toBe(10);
    const all = await call("GET", `/submissions/${abrt.token}?fields=exit_signal`);
    expect(all.body.exit_signal).toBe(6);
  });

  it("8 SIGXFSZ past max_file_size", async () => {
    const result = await c(
      '#include <stdio.h>\nint main(void) { FILE *f = fopen("big", "w"); for (int i = 0; i < 1 << 20; i++) fputc(97, f); fclose(f); return 0; }',
      { max_file_size: 1 },
    );
    expect(result.status.id).toBe(8);
  });

  it("11 NZEC for a non-zero exit, 12 Other for another signal and for the memory limit", async () => {
    const nzec = await run({ source_code: "raise SystemExit(3)", language_id: 71 });
    expect(nzec.status.id).toBe(11);
    const other = await run({
      source_code: "import os, signal; os.kill(os.getpid(), signal.SIGTERM)",
      language_id: 71,
    });
    expect(other.status.id).toBe(12);
    const memory = await run({
      source_code: "x = bytearray(200 * 1024 * 1024)",
      language_id: 71,
      memory_limit: 65_536,
    });
    expect(memory.status.id).toBe(12);
    expect(memory.message).toMatch(/memory limit/i);
  });

  it("14 Exec Format Error for an Executable (44) the kernel cannot run; a script runs", async () => {
    const garbage = await run(
      { source_code: Buffer.from([0, 1, 2, 3, 4, 5]).toString("base64"), language_id: 44 },
      "&base64_encoded=true",
    );
    expect(garbage.status).toEqual({ id: 14, description: "Exec Format Error" });
    const script = await run(
      {
        source_code: b64('#!/bin/sh\necho "ran $1"\n'),
        language_id: 44,
        command_line_arguments: "x",
      },
      "&base64_encoded=true",
    );
    expect(script.status.id).toBe(3);
    expect(unb64(script.stdout)).toBe("ran x\n");
  });
});

describe("Judge0 special languages", () => {
  it("43 Plain Text answers the source as stdout", async () => {
    const result = await run({ source_code: "just text\n", language_id: 43 });
    expect(result).toMatchObject({ stdout: "just text\n", status: { id: 3 } });
  });

  it("89 Multi-file program runs its compile and run scripts from additional_files", async () => {
    const files = await zip({
      compile: "printf 'echo built from $1\\n' > program.sh\n",
      run: 'bash program.sh "$@"\n',
    });
    const result = await run({
      language_id: 89,
      additional_files: files,
      command_line_arguments: "zip",
    });
    expect(result).toMatchObject({ stdout: "built from zip\n", status: { id: 3 } });

    const broken = await run({
      language_id: 89,
      additional_files: await zip({ compile: "echo 'syntax error' >&2; exit 1\n", run: "true\n" }),
    });
    expect(broken.status.id).toBe(6);
    expect(broken.compile_output).toMatch(/syntax error/);
  });

  it("refuses an archive without a run script, or that is not a zip", async () => {
    const norun = await call("POST", "/submissions", {
      language_id: 89,
      additional_files: await zip({ compile: "true\n" }),
    });
    expect(norun.status).toBe(422);
    expect(norun.body.additional_files[0]).toMatch(/run/);
    const notZip = await call("POST", "/submissions", {
      language_id: 89,
      additional_files: b64("not a zip"),
    });
    expect(notZip.status).toBe(422);
  });

  it("puts additional_files beside a program of any language", async () => {
    const result = await run({
      source_code: "print(open('data.txt').read())",
      language_id: 71,
      additional_files: await zip({ "data.txt": "from the archive" }),
    });
    expect(result.stdout).toBe("from the archive\n");
  });
});

describe("Judge0 at the root (judge0Root)", () => {
  it("answers the same API at /, next to the native and Piston routes", async () => {
    const about = await call("GET", "/about", undefined, { base: "" });
    expect(about.body.version).toBe("1.13.1");
    const result = await call(
      "POST",
      "/submissions?wait=true",
      { source_code: "print(5)", language_id: 71 },
      { base: "" },
    );
    expect(result.body.stdout).toBe("5\n");
    const native = await fetch(`${server.url}/v1/languages`, { headers: { "x-api-key": KEY } });
    expect(native.status).toBe(200);
    const languages: Json = await native.json();
    expect(languages[0]).toHaveProperty("defaultFile");
  });
});

describe("Judge0 submissions past a key's bound of unfinished ones", () => {
  const bounded = useTestServer({ languages: ["python"], apiKeys: [KEY], maxUnfinishedPerKey: 2 });
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${bounded.url}/judge0${path}`, {
      method: "POST",
      headers: { "x-auth-token": KEY, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Json };
  };
  const sleeper = { source_code: "import time\ntime.sleep(5)", language_id: 71 };

  it("reports the bound as /config_info's max_queue_size", async () => {
    const response = await fetch(`${bounded.url}/judge0/config_info`, {
      headers: { "x-auth-token": KEY },
    });
    expect(((await response.json()) as Json).max_queue_size).toBe(2);
  });

  it("refuses a batch that does not fit whole, and a submission past the bound, with 429 { error }", async () => {
    const tooBig = await post("/submissions/batch", { submissions: [sleeper, sleeper, sleeper] });
    expect(tooBig.status).toBe(429);
    expect(tooBig.body).toEqual({ error: expect.stringMatching(/at most 2/) });
    const fits = await post("/submissions/batch", { submissions: [sleeper, sleeper] });
    expect(fits.status).toBe(201);
    expect(fits.body).toHaveLength(2);
    const single = await post("/submissions", sleeper);
    expect(single.status).toBe(429);
    expect(Object.keys(single.body)).toEqual(["error"]);
  });
});

import type { FastifyInstance, FastifyRequest } from "fastify";
import { disconnectSignal } from "../routes/execute-route.js";
import { ownerOf, SUBMISSION_WAIT_MS } from "../routes/submission-routes.js";
import type { SubmissionRecord } from "../submissions/submission-record.js";
import type { Judge0Api } from "./judge0-api.js";
import { Judge0Error, NOT_UTF8_MANY_MESSAGE, NOT_UTF8_MESSAGE } from "./judge0-errors.js";
import { parseFields } from "./judge0-fields.js";
import { MAX_SUBMISSION_BATCH_SIZE } from "./judge0-settings.js";
import { judge0RequestOf, NotUtf8Error } from "./judge0-submission-view.js";

/** Judge0's page size of `GET /submissions`, and the largest this server gives. */
const DEFAULT_PER_PAGE = 20;
const MAX_PER_PAGE = 100;

type Query = Partial<
  Record<"base64_encoded" | "wait" | "fields" | "page" | "per_page" | "tokens", string>
>;

/** Judge0 1.13.1 encodes only when asked (`base64_encoded=true`). */
const base64Of = (query: Query) => query.base64_encoded === "true";

/** Runs `answer`, turning a text that isn't UTF-8 into Judge0's 400 with `message`. */
async function utf8Only<T>(message: string, answer: () => T | Promise<T>): Promise<T> {
  try {
    return await answer();
  } catch (error) {
    if (error instanceof NotUtf8Error) throw Judge0Error.message(400, message);
    throw error;
  }
}

const notFound = () => Judge0Error.message(404, "Not Found");

function batchSizeError(count: number): Judge0Error | undefined {
  if (count === 0)
    return Judge0Error.message(400, "there should be at least one submission in a batch");
  if (count > MAX_SUBMISSION_BATCH_SIZE) {
    return Judge0Error.message(
      400,
      `number of submissions in a batch should be less than or equal to ${MAX_SUBMISSION_BATCH_SIZE}`,
    );
  }
  return undefined;
}

function pageNumber(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0 || (name === "per_page" && value > MAX_PER_PAGE)) {
    const bound = name === "per_page" ? ` (1 to ${MAX_PER_PAGE})` : "";
    throw Judge0Error.message(400, `invalid ${name}: ${raw}${bound}`);
  }
  return value;
}

/**
 * Judge0's submission routes: `POST /submissions` (201 `{ token }`, or the result with
 * `?wait=true`), `GET /submissions/:token`, `GET /submissions` (the caller's, paginated as
 * Judge0: `?page=&per_page=`, `{ submissions, meta }`), `DELETE /submissions/:token`,
 * `POST /submissions/batch` and `GET /submissions/batch?tokens=` (1 to 20 each). Every read
 * takes `?base64_encoded=` and `?fields=` (a list, or `*`).
 */
export function registerJudge0SubmissionRoutes(scope: FastifyInstance, api: Judge0Api): void {
  const viewOf = async (record: SubmissionRecord, query: Query, base64 = base64Of(query)) =>
    api.view(record, {
      base64,
      fields: parseFields(query.fields),
      languages: await api.languages(),
    });

  scope.post<{ Querystring: Query }>("/submissions", async (request, reply) => {
    const query = request.query;
    const fields = parseFields(query.fields);
    const record = await api.create(ownerOf(request), request.body, base64Of(query));
    reply.code(201);
    if (query.wait !== "true") return { token: record.id };
    const done =
      (await api.submissions.waitUntilDone(
        record.owner,
        record.id,
        SUBMISSION_WAIT_MS,
        disconnectSignal(reply),
      )) ?? record;
    try {
      return api.view(done, { base64: base64Of(query), fields, languages: await api.languages() });
    } catch (error) {
      if (error instanceof NotUtf8Error) return { error: NOT_UTF8_MESSAGE, token: record.id };
      throw error;
    }
  });

  scope.post<{ Querystring: Query }>("/submissions/batch", async (request, reply) => {
    const body = request.body as { submissions?: unknown } | null;
    const items = Array.isArray(body?.submissions) ? body.submissions : [];
    const sizeError = batchSizeError(items.length);
    if (sizeError) throw sizeError;
    // The whole batch must fit in the key's bound of unfinished submissions.
    await api.submissions.ensureRoomFor(ownerOf(request), items.length);
    const answers: unknown[] = [];
    const budget = { bytes: api.settings.max_extract_size * 1_024 };
    for (const item of items) {
      try {
        const record = await api.create(ownerOf(request), item, base64Of(request.query), budget);
        answers.push({ token: record.id });
      } catch (error) {
        if (!Judge0Error.isInstance(error) || error.statusCode !== 422) throw error;
        answers.push(error.body);
      }
    }
    const anyMade = answers.some((answer) => "token" in (answer as object));
    return reply.code(anyMade ? 201 : 422).send(answers);
  });

  scope.get<{ Querystring: Query }>("/submissions/batch", async (request) => {
    const tokens = (request.query.tokens ?? "")
      .split(",")
      .map((token) => token.trim())
      .filter((token) => token !== "");
    const sizeError = batchSizeError(tokens.length);
    if (sizeError) throw sizeError;
    parseFields(request.query.fields);
    const records = await api.submissions.getMany(ownerOf(request), tokens);
    return utf8Only(NOT_UTF8_MANY_MESSAGE, async () => {
      const submissions = [];
      for (const token of tokens) {
        const record = records.find((candidate) => candidate.id === token);
        submissions.push(
          record && judge0RequestOf(record) ? await viewOf(record, request.query) : null,
        );
      }
      return { submissions };
    });
  });

  scope.get<{ Querystring: Query; Params: { token: string } }>(
    "/submissions/:token",
    async (request) => {
      parseFields(request.query.fields);
      const record = await api.find(ownerOf(request), request.params.token);
      if (!record) throw notFound();
      return utf8Only(NOT_UTF8_MESSAGE, () => viewOf(record, request.query));
    },
  );

  scope.get<{ Querystring: Query }>("/submissions", async (request) =>
    listPage(api, request, request.query),
  );

  scope.delete<{ Querystring: Query; Params: { token: string } }>(
    "/submissions/:token",
    async (request) => {
      parseFields(request.query.fields);
      const owner = ownerOf(request);
      const record = await api.find(owner, request.params.token);
      if (!record) throw notFound();
      if (record.state !== "done") {
        const status = record.state === "queued" ? "1 (In Queue)" : "2 (Processing)";
        throw Judge0Error.message(
          400,
          `submission cannot be deleted because its status is ${status}`,
        );
      }
      // As Judge0: base64 whatever was asked, so the answer never fails after the delete.
      const answer = await viewOf(record, request.query, true);
      if (!(await api.submissions.delete(owner, record.id))) throw notFound();
      return answer;
    },
  );
}

/** A page of the caller's submissions with Judge0's `meta` (walked through the store's cursors). */
async function listPage(api: Judge0Api, request: FastifyRequest, query: Query) {
  const page = pageNumber(query.page, "page", 1);
  const perPage = pageNumber(query.per_page, "per_page", DEFAULT_PER_PAGE);
  const fields = parseFields(query.fields);
  const owner = ownerOf(request);
  let cursor: string | undefined;
  let items: readonly SubmissionRecord[] = [];
  let hasNext = false;
  for (let current = 1; current <= page; current++) {
    const result = await api.submissions.list({ owner, limit: perPage, cursor });
    items = result.items;
    hasNext = result.nextCursor !== undefined;
    cursor = result.nextCursor;
    if (current < page && cursor === undefined) {
      items = [];
      break;
    }
  }
  const languages = await api.languages();
  return utf8Only(NOT_UTF8_MANY_MESSAGE, () => {
    const submissions = items
      .filter((record) => judge0RequestOf(record) !== undefined)
      .map((record) => api.view(record, { base64: base64Of(query), fields, languages }));
    return {
      submissions,
      meta: {
        current_page: page,
        next_page: hasNext && items.length > 0 ? page + 1 : null,
        prev_page: page > 1 ? page - 1 : null,
        // The store pages by cursor and does not count: totals are not known.
        total_pages: null,
        total_count: null,
      },
    };
  });
}

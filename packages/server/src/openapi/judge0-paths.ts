import { SUBMISSION_ATTRIBUTES } from "../judge0/judge0-fields.js";
import { JUDGE0_PREFIX } from "../judge0/judge0-routes.js";
import { MAX_SUBMISSION_BATCH_SIZE } from "../judge0/judge0-settings.js";
import { JUDGE0_STATUSES } from "../judge0/judge0-statuses.js";
import { json, ref } from "./openapi-parts.js";

const nullable = (type: string, description?: string) => ({
  type: [type, "null"],
  ...(description ? { description } : {}),
});

/** The Judge0 API's schemas (hand-written: they describe Judge0's shapes, not ours). */
export const judge0Schemas = {
  Judge0SubmissionRequest: {
    type: "object",
    required: ["language_id"],
    description:
      "A Judge0 CE 1.13.1 submission. Limits left out take the language's defaults (see /config_info for the bounds). `source_code` may be left out for language 89.",
    properties: {
      source_code: { type: "string", description: "base64 with ?base64_encoded=true" },
      language_id: { type: "integer", description: "Judge0's id (GET /languages)" },
      compiler_options: nullable(
        "string",
        "appended to the compile command; for allowed_languages_for_compile_options, at most 512",
      ),
      command_line_arguments: nullable("string", "split as a shell splits words, at most 512"),
      stdin: nullable("string"),
      expected_output: nullable("string", "compared with trailing whitespace ignored"),
      cpu_time_limit: nullable("number", "seconds"),
      cpu_extra_time: nullable("number", "seconds"),
      wall_time_limit: nullable("number", "seconds"),
      memory_limit: nullable("integer", "kilobytes, at least 16384"),
      stack_limit: nullable("integer", "kilobytes; accepted, bounded by memory_limit here"),
      max_processes_and_or_threads: nullable("integer"),
      enable_per_process_and_thread_time_limit: nullable("boolean", "only false"),
      enable_per_process_and_thread_memory_limit: nullable("boolean", "only false"),
      max_file_size: nullable("integer", "kilobytes"),
      number_of_runs: nullable("integer", "only 1"),
      redirect_stderr_to_stdout: nullable("boolean", "stderr appended to stdout"),
      enable_network: nullable("boolean", "when the operator allows it"),
      callback_url: nullable("string", "receives the finished submission (see docs/api.md)"),
      additional_files: nullable(
        "string",
        "base64 zip extracted beside the program (at most max_extract_size KB)",
      ),
    },
  },
  Judge0Status: {
    type: "object",
    properties: {
      id: { type: "integer", enum: JUDGE0_STATUSES.map((status) => status.id) },
      description: { type: "string" },
    },
  },
  Judge0Submission: {
    type: "object",
    description:
      "The attributes `fields` asks for (default: token, time, memory, stdout, stderr, compile_output, message, status; `*` for all).",
    properties: {
      ...Object.fromEntries(SUBMISSION_ATTRIBUTES.map((name) => [name, {}])),
      token: { type: "string" },
      time: nullable("string", "CPU seconds, decimal"),
      wall_time: nullable("string", "seconds, decimal"),
      memory: nullable("integer", "kilobytes"),
      status: ref("Judge0Status"),
    },
  },
  Judge0Language: {
    type: "object",
    properties: { id: { type: "integer" }, name: { type: "string" } },
  },
  Judge0FieldErrors: {
    type: "object",
    description: "422: each field at fault with its messages",
    additionalProperties: { type: "array", items: { type: "string" } },
  },
  Judge0Error: { type: "object", properties: { error: { type: "string" } } },
};

const query = (name: string, description: string) => ({
  name,
  in: "query",
  required: false,
  schema: { type: "string" },
  description,
});
const base64Query = query("base64_encoded", "true: texts are base64 in the body and the answer");
const fieldsQuery = query("fields", "comma-separated attributes, or *");
const tokenParameter = { name: "token", in: "path", required: true, schema: { type: "string" } };
const judge0Error = (description: string) => ({ description, content: json(ref("Judge0Error")) });
const unauthorized = judge0Error("no or a wrong X-Auth-Token (when the server has API keys)");
const security = [{}, { judge0Token: [] }];
const at = (path: string) => `${JUDGE0_PREFIX}${path}`;

const get = (operationId: string, summary: string, schema: unknown) => ({
  get: {
    operationId,
    summary,
    tags: ["judge0"],
    security,
    responses: { "200": { description: summary, content: json(schema) }, "401": unauthorized },
  },
});

/**
 * The Judge0 CE 1.13.1-compatible routes under /judge0 (also at the root with
 * WARMBOX_JUDGE0_ROOT=true).
 */
export const judge0Paths = {
  [at("/submissions")]: {
    post: {
      operationId: "judge0CreateSubmission",
      summary: "Create a submission: 201 { token }, or the finished submission with ?wait=true",
      tags: ["judge0"],
      security,
      parameters: [base64Query, query("wait", "true: answer once it is done"), fieldsQuery],
      requestBody: { required: true, content: json(ref("Judge0SubmissionRequest")) },
      responses: {
        "201": { description: "created", content: json(ref("Judge0Submission")) },
        "400": judge0Error("bad fields query"),
        "401": unauthorized,
        "422": { description: "bad attributes", content: json(ref("Judge0FieldErrors")) },
      },
    },
    get: {
      operationId: "judge0ListSubmissions",
      summary: "The caller's submissions, newest first: { submissions, meta }",
      tags: ["judge0"],
      security,
      parameters: [
        base64Query,
        fieldsQuery,
        query("page", "from 1"),
        query("per_page", "1 to 100, default 20"),
      ],
      responses: {
        "200": { description: "a page", content: json({ type: "object" }) },
        "400": judge0Error("invalid page or per_page"),
        "401": unauthorized,
      },
    },
  },
  [at("/submissions/{token}")]: {
    get: {
      operationId: "judge0GetSubmission",
      summary: "One submission",
      tags: ["judge0"],
      security,
      parameters: [tokenParameter, base64Query, fieldsQuery],
      responses: {
        "200": { description: "the submission", content: json(ref("Judge0Submission")) },
        "400": judge0Error("bad fields, or output that is not UTF-8 without base64"),
        "401": unauthorized,
        "404": judge0Error("no such submission of this key"),
      },
    },
    delete: {
      operationId: "judge0DeleteSubmission",
      summary: "Delete a finished submission; answers it base64 encoded",
      tags: ["judge0"],
      security,
      parameters: [tokenParameter, fieldsQuery],
      responses: {
        "200": { description: "the deleted submission", content: json(ref("Judge0Submission")) },
        "400": judge0Error("still queued or processing"),
        "401": unauthorized,
        "404": judge0Error("no such submission of this key"),
      },
    },
  },
  [at("/submissions/batch")]: {
    post: {
      operationId: "judge0CreateBatch",
      summary: `Create 1 to ${MAX_SUBMISSION_BATCH_SIZE} submissions: [{ token } or the item's 422 errors]`,
      tags: ["judge0"],
      security,
      parameters: [base64Query],
      requestBody: {
        required: true,
        content: json({
          type: "object",
          properties: {
            submissions: {
              type: "array",
              minItems: 1,
              maxItems: MAX_SUBMISSION_BATCH_SIZE,
              items: ref("Judge0SubmissionRequest"),
            },
          },
        }),
      },
      responses: {
        "201": { description: "at least one was created", content: json({ type: "array" }) },
        "400": judge0Error(`none, or more than ${MAX_SUBMISSION_BATCH_SIZE}`),
        "401": unauthorized,
        "422": { description: "none was valid", content: json({ type: "array" }) },
      },
    },
    get: {
      operationId: "judge0GetBatch",
      summary: "Submissions by ?tokens=a,b,c: { submissions: [submission or null] }",
      tags: ["judge0"],
      security,
      parameters: [query("tokens", "1 to 20 tokens, comma-separated"), base64Query, fieldsQuery],
      responses: {
        "200": { description: "in the order of tokens", content: json({ type: "object" }) },
        "400": judge0Error("none, or more than 20 tokens"),
        "401": unauthorized,
      },
    },
  },
  [at("/languages")]: get("judge0Languages", "Languages with Judge0's ids", {
    type: "array",
    items: ref("Judge0Language"),
  }),
  [at("/languages/all")]: get("judge0AllLanguages", "Languages, legacy ids as archived", {
    type: "array",
  }),
  [at("/languages/{id}")]: {
    get: {
      ...get("judge0Language", "One language, with source file and commands", { type: "object" })
        .get,
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }],
    },
  },
  [at("/statuses")]: get("judge0Statuses", "The 14 statuses", {
    type: "array",
    items: ref("Judge0Status"),
  }),
  [at("/about")]: get("judge0About", "The Judge0 version this API is compatible with", {
    type: "object",
  }),
  [at("/config_info")]: get("judge0ConfigInfo", "Every key of Judge0 1.13.1's configuration", {
    type: "object",
  }),
  [at("/workers")]: get("judge0Workers", "The submission queue and this instance's workers", {
    type: "array",
  }),
};

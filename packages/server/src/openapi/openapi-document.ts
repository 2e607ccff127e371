import {
  executeRequestSchema,
  executeResultSchema,
  partialLimitsSchema,
  stageResultSchema,
} from "@warmbox/engine";
import { z } from "zod";
import { languageEntrySchema } from "../execution/language-entry.js";
import {
  pistonErrorSchema,
  pistonExecuteRequestSchema,
  pistonExecuteResponseSchema,
  pistonRuntimeSchema,
  pistonStageSchema,
} from "../piston/piston-schemas.js";
import {
  judgeBatchInputSchemas,
  judgeBatchOutputSchemas,
  judgeBatchPaths,
} from "./judge-batch-paths.js";
import { judge0Paths, judge0Schemas } from "./judge0-paths.js";
import { COMMON_ERRORS, errorBodySchema, errorResponse, json, ref } from "./openapi-parts.js";
import {
  submissionInputSchemas,
  submissionOutputSchemas,
  submissionPaths,
} from "./submission-paths.js";

const pistonError = (description: string) => ({ description, content: json(ref("PistonError")) });

type JsonSchema = Record<string, unknown>;

/** Every schema of a registry as OpenAPI components, `$ref`s pointing at each other. */
function componentsOf(
  schemas: Record<string, z.ZodType>,
  io: "input" | "output",
): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const { schemas: generated } = z.toJSONSchema(registry, {
    io,
    target: "draft-2020-12",
    uri: (id) => `#/components/schemas/${id}`,
    unrepresentable: "any",
  });
  const components: Record<string, JsonSchema> = {};
  for (const [id, schema] of Object.entries(generated)) {
    const { $schema: _schema, $id: _id, ...rest } = schema as JsonSchema;
    components[id] = rest;
  }
  return components;
}

/**
 * The OpenAPI 3.1 document of the HTTP API, generated with zod's `z.toJSONSchema` from the same
 * schemas that validate requests (the engine's ExecuteRequest, ExecuteResult, LanguageInfo) and the server's own.
 */
export function buildOpenApiDocument(version: string): Record<string, unknown> {
  const schemas = {
    ...componentsOf(
      {
        ExecuteRequest: executeRequestSchema,
        Limits: partialLimitsSchema,
        ...judgeBatchInputSchemas,
        ...submissionInputSchemas,
        PistonExecuteRequest: pistonExecuteRequestSchema,
      },
      "input",
    ),
    ...componentsOf(
      {
        ExecuteResult: executeResultSchema,
        StageResult: stageResultSchema,
        ...judgeBatchOutputSchemas,
        ...submissionOutputSchemas,
        LanguageEntry: languageEntrySchema,
        Error: errorBodySchema,
        PistonExecuteResponse: pistonExecuteResponseSchema,
        PistonStage: pistonStageSchema,
        PistonRuntime: pistonRuntimeSchema,
        PistonError: pistonErrorSchema,
      },
      "output",
    ),
    ...judge0Schemas,
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "Warmbox",
      version,
      description:
        "Run untrusted code in warm, locked-down sandboxes. Errors are `{ error: { code, message, details } }`.",
    },
    components: {
      schemas,
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "When the server has API keys." },
        apiKey: { type: "apiKey", in: "header", name: "X-API-Key" },
        judge0Token: {
          type: "apiKey",
          in: "header",
          name: "X-Auth-Token",
          description: "An API key, as Judge0 clients send it",
        },
      },
    },
    security: [{}, { bearer: [] }, { apiKey: [] }],
    paths: {
      "/v1/languages": {
        get: {
          operationId: "listLanguages",
          summary:
            "Every language of this server: ready ones with their exact version, and those whose image is still building (or failed)",
          responses: {
            "200": {
              description: "the languages",
              content: json({ type: "array", items: ref("LanguageEntry") }),
            },
            "401": COMMON_ERRORS["401"],
            "429": COMMON_ERRORS["429"],
          },
        },
      },
      "/v1/execute": {
        post: {
          operationId: "execute",
          summary:
            "Run a program; with Accept: text/event-stream, stream its output as Server-Sent Events",
          requestBody: { required: true, content: json(ref("ExecuteRequest")) },
          responses: {
            "200": {
              description:
                "What the program did (200 whatever it did). As text/event-stream: events `stdout` and `stderr` (data: text chunk), `compile` (data: StageResult JSON), `result` (data: ExecuteResult JSON), or `error` (data: Error JSON).",
              content: {
                ...json(ref("ExecuteResult")),
                "text/event-stream": { schema: { type: "string" } },
              },
            },
            ...COMMON_ERRORS,
          },
        },
      },
      ...judgeBatchPaths,
      ...submissionPaths,
      ...judge0Paths,
      "/v1/run": {
        get: {
          operationId: "runInteractive",
          summary: "WebSocket for interactive runs",
          description:
            'Client sends `{type:"start", ...ExecuteRequest}`, `{type:"stdin", data}`, `{type:"stdin_end"}`, `{type:"kill"}`; server sends `{type:"stdout"|"stderr", data}`, `{type:"compile", ...StageResult}`, `{type:"result", ...ExecuteResult}`, `{type:"error", error}`. Browsers, which cannot set headers on an upgrade, offer the subprotocols `warmbox.v1` and `warmbox.key.<base64url of the key>`; the server answers `warmbox.v1`. The key is never read from the URL.',
          responses: {
            "101": { description: "switching to the WebSocket protocol" },
            "426": errorResponse("not a WebSocket upgrade"),
          },
        },
      },
      "/api/v2/runtimes": {
        get: {
          operationId: "pistonRuntimes",
          summary: "Piston-compatible list of runtimes",
          responses: {
            "200": {
              description: "runtimes",
              content: json({ type: "array", items: ref("PistonRuntime") }),
            },
          },
        },
      },
      "/api/v2/execute": {
        post: {
          operationId: "pistonExecute",
          summary: "Piston-compatible execute",
          requestBody: { required: true, content: json(ref("PistonExecuteRequest")) },
          responses: {
            "200": {
              description: "the result, Piston's shape",
              content: json(ref("PistonExecuteResponse")),
            },
            "400": pistonError("a bad request, in Piston's words"),
            "401": pistonError("unauthorized"),
            "429": pistonError("rate limited"),
            "503": pistonError("overloaded"),
          },
        },
      },
      "/api/v2/connect": {
        get: {
          operationId: "pistonConnect",
          summary: "Piston-compatible WebSocket for interactive runs",
          description:
            'Piston\'s protocol: client sends `{type:"init", ...PistonExecuteRequest}`, `{type:"data", stream:"stdin", data}`, `{type:"signal", signal}` (any signal ends the program with SIGKILL); server sends `{type:"runtime", language, version}`, `{type:"stage", stage}`, `{type:"data", stream, data}`, `{type:"exit", stage, code, signal}`, `{type:"error", message}`, and closes with 4999 when done (4000–4005 on misuse, as Piston).',
          responses: {
            "101": { description: "switching to the WebSocket protocol" },
            "426": errorResponse("not a WebSocket upgrade"),
          },
        },
      },
      "/healthz": {
        get: {
          operationId: "healthz",
          summary: "Liveness",
          security: [],
          responses: { "200": { description: "alive" } },
        },
      },
      "/readyz": {
        get: {
          operationId: "readyz",
          summary: "Readiness: Docker answers and the pools are warm",
          security: [],
          responses: { "200": { description: "ready" }, "503": { description: "not ready" } },
        },
      },
      "/metrics": {
        get: {
          operationId: "metrics",
          summary: "Prometheus metrics",
          security: [],
          responses: {
            "200": {
              description: "text format",
              content: { "text/plain": { schema: { type: "string" } } },
            },
          },
        },
      },
    },
  };
}

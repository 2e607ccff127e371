import { executeRequestSchema, judgeRequestSchema, judgeResultSchema } from "@warmbox/engine";
import { describe, expect, it } from "vitest";
import type { Json } from "../testing/test-server.js";
import { buildOpenApiDocument } from "./openapi-document.js";

describe("buildOpenApiDocument", () => {
  const document = buildOpenApiDocument("1.2.3") as Json;

  it("is OpenAPI 3.1 with every path of docs/api.md", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(document.info.version).toBe("1.2.3");
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        "/v1/languages",
        "/v1/execute",
        "/v1/batch",
        "/v1/judge",
        "/v1/judge/stream",
        "/v1/run",
        "/v1/submissions",
        "/v1/submissions/{id}",
        "/judge0/submissions",
        "/judge0/submissions/{token}",
        "/judge0/submissions/batch",
        "/judge0/languages",
        "/judge0/config_info",
        "/api/v2/runtimes",
        "/api/v2/execute",
        "/healthz",
        "/readyz",
        "/metrics",
      ]),
    );
  });

  it("generates the schemas from the validating zod schemas, with references between them", () => {
    const { schemas } = document.components;
    expect(schemas.ExecuteRequest.required).toEqual(["language"]);
    expect(schemas.ExecuteRequest.additionalProperties).toBe(false);
    expect(Object.keys(schemas.ExecuteRequest.properties)).toEqual(
      expect.arrayContaining([
        "language",
        "version",
        "files",
        "source",
        "stdin",
        "args",
        "compilerOptions",
        "limits",
        "compileLimits",
      ]),
    );
    expect(JSON.stringify(schemas.ExecuteRequest.properties.limits)).toContain(
      "#/components/schemas/Limits",
    );
    expect(schemas.ExecuteResult.properties.status.enum).toContain("memory_limit");
    expect(JSON.stringify(schemas.ExecuteResult.properties.run)).toContain(
      "#/components/schemas/StageResult",
    );
    expect(schemas.PistonExecuteRequest.required).toEqual(["language", "version", "files"]);
    expect(JSON.stringify(document)).not.toContain('"$schema"');
  });

  it("documents judge and batch with examples the validating schemas accept", () => {
    const judge = document.paths["/v1/judge"].post;
    const examples = judge.requestBody.content["application/json"].examples;
    const twoTests = examples["two-tests"].value;
    expect(twoTests.tests).toHaveLength(2);
    expect(twoTests.compare).toBeDefined();
    expect(examples.checker.value.compare.checker.language).not.toBe(
      examples.checker.value.language,
    );
    for (const { value } of Object.values(examples) as Json[]) {
      expect(judgeRequestSchema.safeParse(value).error).toBeUndefined();
    }
    const result = judge.responses["200"].content["application/json"].examples["two-tests"].value;
    expect(judgeResultSchema.safeParse(result).error).toBeUndefined();

    const batch = document.paths["/v1/batch"].post;
    const requests = batch.requestBody.content["application/json"].examples["bad-item"].value;
    for (const request of requests) {
      expect(executeRequestSchema.safeParse(request).error).toBeUndefined();
    }
    const { schemas } = document.components;
    expect(schemas.JudgeRequest.required).toEqual(expect.arrayContaining(["language", "tests"]));
    expect(schemas.BatchRequest).toMatchObject({ type: "array", minItems: 1, maxItems: 20 });
    expect(JSON.stringify(schemas.BatchResponse)).toContain("#/components/schemas/BatchItemError");
    expect(JSON.stringify(schemas.JudgeResult)).toContain("#/components/schemas/StageResult");
    expect(document.paths["/v1/judge/stream"].post.responses["200"].content).toHaveProperty(
      "text/event-stream",
    );
  });
});

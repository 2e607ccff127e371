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
        "/v1/run",
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
});

import type { FastifyInstance } from "fastify";
import { buildOpenApiDocument } from "../openapi/openapi-document.js";

/** `GET /openapi.json`: the OpenAPI document, built once from the validating schemas. */
export function registerOpenApiRoute(app: FastifyInstance, version: string): void {
  const document = JSON.stringify(buildOpenApiDocument(version));
  app.get("/openapi.json", async (_request, reply) =>
    reply.type("application/json; charset=utf-8").send(document),
  );
}

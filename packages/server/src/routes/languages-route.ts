import type { FastifyInstance } from "fastify";
import type { LanguageCatalog } from "../execution/language-catalog.js";

/**
 * `GET /v1/languages`: `[{ id, name, version, aliases, compiled, defaultFile, starter, highlight }]`,
 * the languages this server runs with the exact version of each image.
 */
export function registerLanguagesRoute(app: FastifyInstance, catalog: LanguageCatalog): void {
  app.get("/v1/languages", async () => catalog.list());
}

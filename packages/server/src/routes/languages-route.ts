import type { FastifyInstance } from "fastify";
import type { LanguageCatalog } from "../execution/language-catalog.js";

/**
 * `GET /v1/languages`: `[{ id, name, version, aliases, compiled, defaultFile, starter, highlight,
 * runtime, status }]`, every language of this server: `ready` ones with the exact version of
 * their image and the runtime of their sandboxes (`runc`, or `runsc` for gVisor), `building`
 * ones (image on its way, version and runtime null) and `failed` ones (image build failed).
 */
export function registerLanguagesRoute(app: FastifyInstance, catalog: LanguageCatalog): void {
  app.get("/v1/languages", async () => catalog.entries());
}

import { existsSync } from "node:fs";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

/**
 * Serves the playground's built files at `/` when the directory exists (same origin as the API,
 * so it needs no CORS). Without it, `GET /` answers a small JSON pointer to the API.
 */
export async function registerStaticFiles(
  app: FastifyInstance,
  directory: string | null,
): Promise<boolean> {
  if (directory !== null && existsSync(directory)) {
    await app.register(fastifyStatic, { root: directory, prefix: "/", index: ["index.html"] });
    return true;
  }
  app.get("/", async () => ({
    name: "warmbox",
    message: "the playground is not built; the API is at /v1",
    openapi: "/openapi.json",
  }));
  return false;
}

import cors from "@fastify/cors";
import type { FastifyInstance } from "fastify";

/**
 * CORS for the browsers of `origins` (["*"]: any); none at all when the list is empty. Lets a
 * page read the headers a client needs (Retry-After, the request id, the rate limit's).
 */
export async function registerCors(app: FastifyInstance, origins: string[]): Promise<void> {
  if (origins.length === 0) return;
  await app.register(cors, {
    origin: origins.includes("*") ? true : origins,
    methods: ["GET", "POST", "OPTIONS"],
    allowedHeaders: ["content-type", "authorization", "x-api-key", "x-request-id", "accept"],
    exposedHeaders: [
      "retry-after",
      "x-request-id",
      "x-ratelimit-limit",
      "x-ratelimit-remaining",
      "x-ratelimit-reset",
    ],
    maxAge: 600,
  });
}

import type { FastifyInstance } from "fastify";
import { HttpError } from "../errors/http-error.js";

/**
 * Parses JSON bodies with a message that says where the JSON broke (Fastify's default says
 * only "invalid JSON"). Only application/json is accepted; other types get 415.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
    const text = body as string;
    if (text.trim() === "") {
      done(
        new HttpError({
          statusCode: 400,
          code: "invalid_request",
          message: "the request body is empty; send JSON",
          details: [{ path: "body", message: "is empty" }],
        }),
        undefined,
      );
      return;
    }
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      const message = `the request body is not valid JSON: ${(error as Error).message}`;
      done(
        new HttpError({
          statusCode: 400,
          code: "invalid_request",
          message,
          details: [{ path: "body", message: (error as Error).message }],
        }),
        undefined,
      );
    }
  });
}

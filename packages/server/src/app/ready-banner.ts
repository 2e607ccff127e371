import type { RunningServer } from "./start-server.js";

/**
 * The lines a person starting the server needs in plain view (not inside a JSON log line):
 * where the playground and the API's description are.
 */
export function readyBanner(server: Pick<RunningServer, "url">, headline: string): string {
  return [
    "",
    `  ${headline}`,
    `  Playground: ${server.url}/`,
    `  API docs:   ${server.url}/openapi.json (OpenAPI 3.1)`,
    "",
    "",
  ].join("\n");
}

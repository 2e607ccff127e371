import { ApiError, errorFromResponse, networkError } from "./api-error.js";
import type { ExecuteRequest, LanguageInfo } from "./api-types.js";
import type { RunListener, RunSession } from "./run-session.js";
import { startSseRun } from "./sse-run.js";
import { startWsRun } from "./ws-run.js";

/**
 * The page's client of the Warmbox v1 API. `base` is prepended to every path: "" (the default)
 * talks to the server that serves the page.
 */
export class ApiClient {
  constructor(readonly base = "") {}

  /** `GET /v1/languages`: what this server runs, in its order. */
  async languages(signal?: AbortSignal): Promise<LanguageInfo[]> {
    let response: Response;
    try {
      response = await fetch(`${this.base}/v1/languages`, {
        headers: { accept: "application/json" },
        signal,
        cache: "no-store",
      });
    } catch {
      throw networkError();
    }
    if (!response.ok) throw await errorFromResponse(response);
    const body: unknown = await response.json();
    const list = Array.isArray(body) ? body : (body as { languages?: unknown })?.languages;
    if (!Array.isArray(list)) {
      throw new ApiError("protocol", "The server's list of languages is not in the expected form.");
    }
    return list.filter(
      (item): item is LanguageInfo =>
        typeof item === "object" &&
        item !== null &&
        typeof item.id === "string" &&
        typeof item.name === "string",
    );
  }

  /** A batch run streamed with Server-Sent Events (stdin sent whole). */
  stream(request: ExecuteRequest, listener: RunListener): RunSession {
    return startSseRun(this.base, request, listener);
  }

  /** An interactive run over the WebSocket: stdin can be written while the program runs. */
  interactive(request: ExecuteRequest, listener: RunListener): RunSession {
    return startWsRun(this.base, request, listener);
  }
}

import { type ApiEndpoint, apiKeyHeaders } from "./api-auth.js";
import { ApiError, errorFromResponse, networkError } from "./api-error.js";
import type { ExecuteRequest, JudgeRequest, LanguageEntry } from "./api-types.js";
import { type JudgeListener, type JudgeSession, startJudgeRun } from "./judge-run.js";
import { oneEntryPerLanguage } from "./language-select.js";
import type { RunListener, RunOutcome, RunSession } from "./run-session.js";
import { startSseRun } from "./sse-run.js";
import { HANDSHAKE_FAILED, startWsRun } from "./ws-run.js";

/**
 * The page's client of the Warmbox v1 API. `base` is prepended to every path: "" (the default)
 * talks to the server that serves the page. `apiKey`, when set, goes with every call.
 */
export class ApiClient {
  #apiKey: string | null;

  constructor(
    readonly base = "",
    apiKey: string | null = null,
  ) {
    this.#apiKey = apiKey;
  }

  /** The key every call carries, or null for none. */
  get apiKey(): string | null {
    return this.#apiKey;
  }

  setApiKey(key: string | null): void {
    this.#apiKey = key || null;
  }

  /**
   * `GET /v1/languages`: what this server runs, in its order, one entry per language (its
   * default version: see oneEntryPerLanguage).
   * @param options.apiKey a key to try instead of the client's own (checking one before saving it)
   */
  async languages(
    options: { signal?: AbortSignal; apiKey?: string | null } = {},
  ): Promise<LanguageEntry[]> {
    const apiKey = options.apiKey === undefined ? this.#apiKey : options.apiKey;
    let response: Response;
    try {
      response = await fetch(`${this.base}/v1/languages`, {
        headers: { accept: "application/json", ...apiKeyHeaders(apiKey) },
        signal: options.signal,
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
    return oneEntryPerLanguage(
      list.filter(
        (item): item is LanguageEntry =>
          typeof item === "object" &&
          item !== null &&
          typeof item.id === "string" &&
          typeof item.name === "string",
      ),
    );
  }

  /** A batch run streamed with Server-Sent Events (stdin sent whole). */
  stream(request: ExecuteRequest, listener: RunListener): RunSession {
    return startSseRun(this.#endpoint(), request, listener);
  }

  /** An interactive run over the WebSocket: stdin can be written while the program runs. */
  interactive(request: ExecuteRequest, listener: RunListener): RunSession {
    const session = startWsRun(this.#endpoint(), request, listener);
    return { ...session, done: session.done.then((outcome) => this.#explainRefusal(outcome)) };
  }

  /** A program judged against its tests, each verdict streamed as it finishes. */
  judge(request: JudgeRequest, listener: JudgeListener): JudgeSession {
    return startJudgeRun(this.#endpoint(), request, listener);
  }

  #endpoint(): ApiEndpoint {
    return { base: this.base, apiKey: this.#apiKey };
  }

  /**
   * A browser never sees the status of a refused WebSocket upgrade: when the socket closed before
   * it opened, a plain call with the same key tells a missing or wrong key from a dead server.
   */
  async #explainRefusal(outcome: RunOutcome): Promise<RunOutcome> {
    if (outcome.kind !== "error" || outcome.error.code !== HANDSHAKE_FAILED) return outcome;
    try {
      await this.languages();
    } catch (error) {
      if (ApiError.isInstance(error) && error.kind === "unauthorized") {
        return { kind: "error", error };
      }
    }
    return outcome;
  }
}

import { EventEmitter, on } from "node:events";
import {
  executeRequestSchema,
  type FieldIssue,
  fieldPath,
  InvalidRequestError,
  judgeRequestSchema,
  languageRegistry,
  UnknownLanguageError,
} from "@warmbox/engine";
import { HttpError } from "../errors/http-error.js";
import type { CallbackFormat } from "./callback-delivery.js";
import { ownerCallbackSecret } from "./callback-signature.js";
import { CallbackRefusedError, resolveCallbackTarget } from "./callback-target.js";
import { submissionAnswer } from "./submission-answer.js";
import type { SubmissionRecord, SubmissionState, SubmissionWork } from "./submission-record.js";
import type { ListSubmissionsQuery, SubmissionPage, SubmissionStore } from "./submission-store.js";

/** One submission to make: its work, and where to POST its result. */
export interface SubmissionItem {
  work: SubmissionWork;
  callbackUrl?: string;
  /** Plain JSON an API layer keeps beside the work (see SubmissionRecord.meta). */
  meta?: Record<string, unknown>;
}

export interface SubmissionServiceOptions {
  store: SubmissionStore;
  /** Ids of the languages this server runs now (the catalog's). */
  servedLanguages: () => Promise<readonly string[]>;
  /** Callback URLs reaching private addresses are accepted (see resolveCallbackTarget). */
  allowPrivateCallbacks: boolean;
  /** How often `waitUntilDone` looks in the store for work finished on another instance. */
  pollMs: number;
  /**
   * Unfinished (queued + running) submissions one owner may have; 0 for no bound. Checked
   * against the store before storing, so concurrent submits of one owner may pass it by a few.
   */
  maxUnfinishedPerOwner: number;
  /** Submissions one owner may have stored, done ones included; 0 for no bound. Checked like
   * `maxUnfinishedPerOwner`. */
  maxStoredPerOwner: number;
  /** The server's callback secret; each owner's callbacks are signed with a key derived from it. */
  callbackSecret: string;
  /** Called once new submissions are stored: the worker looks for work at once. */
  onSubmitted: () => void;
  /** Called when a submission of this instance is deleted (to stop its run). */
  onDeleted: (id: string) => void;
}

/** Seconds a key over its bound of unfinished submissions is told to wait (Retry-After). */
const UNFINISHED_RETRY_AFTER_SECONDS = 5;

/** The native callback: a POST of the submission as `GET /v1/submissions/:id` answers it. */
const NATIVE_CALLBACK: CallbackFormat = { method: "POST", body: submissionAnswer };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The stored form of a submission id (UUIDs are stored lower-case), or undefined if it is none. */
function storedId(id: string): string | undefined {
  return UUID.test(id) ? id.toLowerCase() : undefined;
}

/**
 * Submissions as every API layer sees them (the native /v1/submissions routes and the Judge0
 * API): makes them (validated, stored all or none, the worker woken), reads, lists and deletes
 * an owner's own, and waits for one to finish. `owner` is the request's API key id, "" on a
 * server without keys; another owner's submission is simply not found.
 */
export class SubmissionService {
  readonly #options: SubmissionServiceOptions;
  /** Emits a submission's id when this instance finished it. */
  readonly #finished = new EventEmitter({ captureRejections: false });
  readonly #callbackFormats = new Map<string, CallbackFormat>();

  constructor(options: SubmissionServiceOptions) {
    this.#options = options;
    this.#finished.setMaxListeners(0);
  }

  /** Unfinished (queued + running) submissions one owner may have; 0 for no bound. */
  get maxUnfinishedPerOwner(): number {
    return this.#options.maxUnfinishedPerOwner;
  }

  /**
   * Validates every item (the engine's request schema of its kind, a language this server
   * runs, a callback URL that may be reached) and stores them all, or none: a bad item throws
   * InvalidRequestError (or UnknownLanguageError) naming it (`items[2].work.request.source`,
   * `items[0].callbackUrl`). Past the owner's bound of unfinished submissions (the whole
   * batch counted) it throws a 429 `too_many_submissions` HttpError and stores nothing.
   * Resolves to the records, in order, all `queued`.
   */
  async submit(owner: string, items: readonly SubmissionItem[]): Promise<SubmissionRecord[]> {
    const issues = items.flatMap((item, index) => workIssues(item.work, index));
    if (issues.length > 0) {
      throw new InvalidRequestError(
        `invalid submission: ${issues
          .slice(0, 3)
          .map((issue) => `${issue.path}: ${issue.message}`)
          .join("; ")}`,
        issues,
      );
    }
    await this.#checkLanguages(items);
    await this.#checkCallbacks(items);
    await this.ensureRoomFor(owner, items.length);
    const records = await this.#options.store.create(
      items.map((item) => ({
        owner,
        work: item.work,
        callbackUrl: item.callbackUrl,
        meta: item.meta,
      })),
    );
    this.#options.onSubmitted();
    return records;
  }

  get(owner: string, id: string): Promise<SubmissionRecord | undefined> {
    const stored = storedId(id);
    return stored === undefined
      ? Promise.resolve(undefined)
      : this.#options.store.get(owner, stored);
  }

  /** The owner's submissions among `ids`, in the order of `ids` (unknown ones left out). */
  getMany(owner: string, ids: readonly string[]): Promise<SubmissionRecord[]> {
    return this.#options.store.getMany(
      owner,
      ids.map(storedId).filter((id) => id !== undefined),
    );
  }

  /** A page of the owner's submissions, newest first. */
  list(query: ListSubmissionsQuery): Promise<SubmissionPage> {
    return this.#options.store.list(query);
  }

  /** Deletes one of the owner's submissions (a running one is stopped); false if none. */
  async delete(owner: string, id: string): Promise<boolean> {
    const stored = storedId(id);
    if (stored === undefined) return false;
    const deleted = await this.#options.store.delete(owner, stored);
    if (deleted) this.#options.onDeleted(stored);
    return deleted;
  }

  /**
   * The submission once it is done, or as it is when `timeoutMs` has passed or `signal` is
   * aborted; undefined when the owner has no such submission. Work finished here is seen at
   * once, work finished on another instance within a poll.
   */
  async waitUntilDone(
    owner: string,
    id: string,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<SubmissionRecord | undefined> {
    const deadline = AbortSignal.timeout(timeoutMs);
    const stop = signal ? AbortSignal.any([signal, deadline]) : deadline;
    while (true) {
      // Listening before reading: a finish between the two is not missed.
      const finished = this.#finishedSoon(id, stop);
      const record = await this.get(owner, id);
      if (record === undefined || record.state === "done" || stop.aborted) return record;
      await finished;
    }
  }

  /**
   * The key `owner`'s callbacks are signed with (Warmbox-Signature): HMAC-SHA256 of the owner
   * id keyed by the server's callback secret, so one key's secret verifies no other key's.
   */
  callbackSecret(owner: string): string {
    return ownerCallbackSecret(this.#options.callbackSecret, owner);
  }

  /** Submissions by state, all owners. */
  counts(): Promise<Record<SubmissionState, number>> {
    return this.#options.store.countByState();
  }

  /**
   * Makes the callbacks of submissions whose `meta.api` is `api` go out as `format` (e.g. the
   * Judge0 API's PUT of its own JSON); the others are POSTs of the native answer. Each is
   * signed the same way.
   */
  registerCallbackFormat(api: string, format: CallbackFormat): void {
    this.#callbackFormats.set(api, format);
  }

  /** How the callback of `record` is sent (see registerCallbackFormat). */
  callbackFormatOf(record: SubmissionRecord): CallbackFormat {
    const api = record.meta.api;
    return (typeof api === "string" && this.#callbackFormats.get(api)) || NATIVE_CALLBACK;
  }

  /** This instance recorded the outcome of `id` (called by the worker). */
  notifyFinished(id: string): void {
    this.#finished.emit(id);
  }

  /** Resolves when `id` finishes here, a poll interval passes, or `stop` is aborted. */
  async #finishedSoon(id: string, stop: AbortSignal): Promise<void> {
    const poll = AbortSignal.any([stop, AbortSignal.timeout(this.#options.pollMs)]);
    try {
      for await (const _ of on(this.#finished, id, { signal: poll })) return;
    } catch {
      // the poll interval passed, or the wait is over
    }
  }

  async #checkLanguages(items: readonly SubmissionItem[]): Promise<void> {
    const served = new Set(await this.#options.servedLanguages());
    for (const [index, item] of items.entries()) {
      const { language } = item.work.request;
      const spec = languageRegistry.find(language);
      if (spec === undefined || !served.has(spec.id)) {
        const available = [...served].sort();
        throw new UnknownLanguageError(
          `items[${index}].work.request.language: unknown language '${language}'; available: ${available.join(", ")}`,
          available,
        );
      }
    }
  }

  /**
   * Throws a 429 HttpError when `adding` more submissions would take the owner past its bound
   * of unfinished ones (`too_many_submissions`, worth retrying soon) or of stored ones
   * (`too_many_stored_submissions`, until retention or the owner deletes some). `submit` checks
   * it; an API layer that stores a batch item by item checks the whole batch first.
   */
  async ensureRoomFor(owner: string, adding: number): Promise<void> {
    const { maxUnfinishedPerOwner: bound, maxStoredPerOwner: storedBound } = this.#options;
    if (bound === 0 && storedBound === 0) return;
    const { stored, unfinished } = await this.#options.store.countOwned(owner);
    if (storedBound !== 0 && stored + adding > storedBound) {
      throw new HttpError({
        statusCode: 429,
        code: "too_many_stored_submissions",
        message: `this key has ${stored} submissions stored; at most ${storedBound} may be kept (this request adds ${adding}); delete finished ones (DELETE /v1/submissions/:id) or wait until retention removes them`,
      });
    }
    if (bound === 0 || unfinished + adding <= bound) return;
    throw new HttpError({
      statusCode: 429,
      code: "too_many_submissions",
      message: `this key has ${unfinished} unfinished submissions; at most ${bound} may be queued or running at once (this request adds ${adding}); retry when some are done`,
      headers: { "retry-after": String(UNFINISHED_RETRY_AFTER_SECONDS) },
    });
  }

  async #checkCallbacks(items: readonly SubmissionItem[]): Promise<void> {
    const issues: FieldIssue[] = [];
    await Promise.all(
      items.map(async (item, index) => {
        if (item.callbackUrl === undefined) return;
        try {
          await resolveCallbackTarget(item.callbackUrl, {
            allowPrivate: this.#options.allowPrivateCallbacks,
          });
        } catch (error) {
          if (!(error instanceof CallbackRefusedError)) throw error;
          issues.push({ path: `items[${index}].callbackUrl`, message: error.message });
        }
      }),
    );
    if (issues.length > 0) {
      issues.sort((a, b) => a.path.localeCompare(b.path, "en", { numeric: true }));
      throw new InvalidRequestError(
        `invalid callback URL: ${issues[0]?.path} ${issues[0]?.message}`,
        issues,
      );
    }
  }
}

/** What is wrong with an item's work, each issue named from `items[index]`. */
function workIssues(work: SubmissionWork, index: number): FieldIssue[] {
  const at = (path: ReadonlyArray<PropertyKey>) => fieldPath(["items", index, "work", ...path], "");
  if (typeof work !== "object" || work === null)
    return [{ path: at([]), message: "expected an object" }];
  const schema =
    work.kind === "execute"
      ? executeRequestSchema
      : work.kind === "judge"
        ? judgeRequestSchema
        : undefined;
  if (schema === undefined) {
    return [{ path: at(["kind"]), message: "expected 'execute' or 'judge'" }];
  }
  const parsed = schema.safeParse(work.request);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => ({
    path: at(["request", ...issue.path]),
    message: issue.message,
  }));
}

import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "@warmbox/engine";
import { SIGNATURE_HEADER, signCallback } from "./callback-signature.js";
import { type CallbackTarget, resolveCallbackTarget } from "./callback-target.js";
import type { SubmissionRecord } from "./submission-record.js";
import type { SubmissionStore } from "./submission-store.js";

/** Tries per callback, the first included. */
export const CALLBACK_TRIES = 3;
/** Waits before the second and third tries. */
export const DEFAULT_CALLBACK_BACKOFF_MS: readonly number[] = [2_000, 10_000];
/** How long one try may take, connection to answer. */
const CALLBACK_TIMEOUT_MS = 10_000;
/**
 * A pending callback this much older than its submission's end is taken by the sweep: its
 * instance stopped before delivering (tries and back-off take under a minute). Younger ones
 * belong to the instance that finished them.
 */
const ORPHANED_AFTER_MS = 120_000;
/** Pending callbacks the sweep takes at once. */
const SWEEP_BATCH = 50;

/** How a callback is sent: its HTTP method and JSON body. */
export interface CallbackFormat {
  readonly method: "POST" | "PUT";
  body(record: SubmissionRecord): unknown;
}

export interface CallbackDeliveryOptions {
  store: SubmissionStore;
  /** The secret that signs the bodies of an owner's callbacks (see ownerCallbackSecret). */
  secretOf: (owner: string) => string;
  allowPrivate: boolean;
  /** The method and JSON body of a submission's callback. */
  formatOf: (record: SubmissionRecord) => CallbackFormat;
  logger: Logger;
  /** @default DEFAULT_CALLBACK_BACKOFF_MS */
  backoffMs?: readonly number[];
}

/**
 * Delivers finished submissions to their `callbackUrl`: a signed JSON POST, up to
 * CALLBACK_TRIES tries with back-off, each try recorded in the store so that delivery resumes
 * after a restart. The target is checked again at each try (see resolveCallbackTarget) and the
 * connection goes to the address that was checked; redirects are not followed. Delivery is at
 * least once: a receiver dedupes by the submission's `id`.
 */
export class CallbackDelivery {
  readonly #options: CallbackDeliveryOptions;
  readonly #inFlight = new Map<string, Promise<void>>();
  readonly #stop = new AbortController();

  constructor(options: CallbackDeliveryOptions) {
    this.#options = options;
  }

  /** Starts delivering a submission this instance just finished (no-op without a callback). */
  deliver(record: SubmissionRecord): void {
    if (record.callbackUrl === undefined || record.callbackState !== "pending") return;
    if (this.#inFlight.has(record.id) || this.#stop.signal.aborted) return;
    const delivery = this.#deliver(record).finally(() => this.#inFlight.delete(record.id));
    this.#inFlight.set(record.id, delivery);
  }

  /** Resumes pending callbacks whose instance stopped before it delivered them. */
  async sweep(now: Date = new Date()): Promise<void> {
    try {
      const pending = await this.#options.store.pendingCallbacks(SWEEP_BATCH);
      for (const record of pending) {
        const finished = record.finishedAt?.getTime() ?? 0;
        if (now.getTime() - finished >= ORPHANED_AFTER_MS) this.deliver(record);
      }
    } catch (error) {
      this.#options.logger.error({ err: error }, "looking for pending callbacks failed");
    }
  }

  /**
   * Stops: no new tries, no more waiting between them; a POST under way gets its timeout. What
   * is left pending is resumed by a sweep later. Idempotent.
   */
  async close(): Promise<void> {
    this.#stop.abort();
    await Promise.all(this.#inFlight.values());
  }

  async #deliver(record: SubmissionRecord): Promise<void> {
    const { store, logger } = this.#options;
    const backoff = this.#options.backoffMs ?? DEFAULT_CALLBACK_BACKOFF_MS;
    const format = this.#options.formatOf(record);
    const body = JSON.stringify(format.body(record));
    for (let tries = record.callbackAttempts; tries < CALLBACK_TRIES; ) {
      if (tries > 0) {
        const wait = backoff[Math.min(tries, backoff.length) - 1] ?? 0;
        try {
          await sleep(wait, undefined, { signal: this.#stop.signal });
        } catch {
          return; // stopping: the sweep of a later start resumes it
        }
      }
      const failure = await this.#send(
        record.callbackUrl as string,
        format.method,
        body,
        this.#options.secretOf(record.owner),
      );
      tries++;
      const state =
        failure === undefined ? "delivered" : tries >= CALLBACK_TRIES ? "failed" : "pending";
      await store.recordCallback(record.id, state, tries);
      if (failure === undefined) return;
      logger.warn({ submission: record.id, tries, reason: failure }, "callback not delivered");
    }
  }

  /** One try: undefined when the receiver answered 2xx, else why not. */
  async #send(
    url: string,
    method: string,
    body: string,
    secret: string,
  ): Promise<string | undefined> {
    let target: CallbackTarget;
    try {
      target = await resolveCallbackTarget(url, { allowPrivate: this.#options.allowPrivate });
    } catch (error) {
      return `refused: ${(error as Error).message}`;
    }
    const timestamp = Math.floor(Date.now() / 1_000);
    try {
      const signature = signCallback(secret, body, timestamp);
      const status = await sendTo(target, method, body, signature);
      return status >= 200 && status < 300 ? undefined : `answered ${status}`;
    } catch (error) {
      return (error as Error).message;
    }
  }
}

/**
 * Sends `body` to the target's URL, connecting to the address that was checked (never looking
 * the host up again), and resolves to the answer's status. Redirects are answers like others.
 */
function sendTo(
  target: CallbackTarget,
  method: string,
  body: string,
  signature: string,
): Promise<number> {
  // Hands the checked address to the socket, in the form (one, or a list) the caller asks for.
  const pinned: LookupFunction = (_host, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const send = target.url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      target.url,
      {
        method,
        lookup: pinned,
        timeout: CALLBACK_TIMEOUT_MS,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "user-agent": "warmbox-callback",
          [SIGNATURE_HEADER]: signature,
        },
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on("timeout", () => request.destroy(new Error("timed out")));
    request.on("error", reject);
    request.end(body);
  });
}

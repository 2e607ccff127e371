import { judgeRequestSchema, MAX_JUDGE_CONCURRENCY } from "@warmbox/engine";
import type { SlotLoan } from "../http/fan-out-limits.js";

const concurrencySchema = judgeRequestSchema.shape.concurrency;

/**
 * Tests a judge request would run at once: its `concurrency`, else one per test (the engine
 * bounds that by the pool). Undefined when the body is too malformed to tell: the engine's
 * validation then answers it.
 */
function wantedConcurrency(body: unknown): number | undefined {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  const { tests, concurrency } = body as { tests?: unknown; concurrency?: unknown };
  if (!Array.isArray(tests)) return undefined;
  // No judge runs more than MAX_JUDGE_CONCURRENCY tests at once, whatever its client may.
  if (concurrency === undefined) return Math.min(tests.length, MAX_JUDGE_CONCURRENCY);
  return concurrencySchema.safeParse(concurrency).success ? (concurrency as number) : undefined;
}

/**
 * Bounds a judge's parallel tests by its client's concurrency slots: the slot its request holds
 * plus those `borrow` lends (the client's free ones). When that is fewer than the judge wants,
 * its `concurrency` is lowered to it; otherwise the body is passed on as it came. Release the
 * loan when the judge ends. A checker's runs and the compile are not counted: each belongs to
 * a test (or comes before them) and the engine bounds them.
 */
export function boundJudgeConcurrency(
  body: unknown,
  borrow: (wanted: number) => SlotLoan,
): { body: unknown; slots: SlotLoan } {
  const wanted = wantedConcurrency(body);
  if (wanted === undefined) return { body, slots: borrow(0) };
  const slots = borrow(wanted - 1);
  const allowed = 1 + slots.count;
  return {
    body: allowed < wanted ? { ...(body as object), concurrency: allowed } : body,
    slots,
  };
}

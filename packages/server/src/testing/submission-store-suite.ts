import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InvalidListQueryError } from "../submissions/store/submission-store-errors.js";
import type {
  NewSubmission,
  SubmissionOutcome,
  SubmissionRecord,
} from "../submissions/submission-record.js";
import type { SubmissionStore } from "../submissions/submission-store.js";

/** Opens another store (another "server instance") on one test's database. */
export type OpenStore = () => Promise<SubmissionStore>;

const MINUTE = 60_000;

function newSubmission(
  owner: string,
  source: string,
  extra: Partial<NewSubmission> = {},
): NewSubmission {
  return {
    owner,
    work: { kind: "execute", request: { language: "python", source } },
    ...extra,
  };
}

function sourceOf(record: SubmissionRecord): string {
  return record.work.kind === "execute" ? (record.work.request.source ?? "") : "";
}

/** A finished run's outcome (its content does not matter to the store). */
const FINISHED: SubmissionOutcome = {
  kind: "error",
  error: { code: "invalid_request", message: "a stand-in outcome" },
};

/**
 * The one behaviour every SubmissionStore implementation must have, run against each of them.
 * `newDatabase` makes a fresh, empty database and returns how to open stores on it (each call
 * another instance, as several servers sharing the database).
 */
export function describeSubmissionStore(name: string, newDatabase: () => Promise<OpenStore>): void {
  describe(`${name}: the SubmissionStore contract`, () => {
    let openStore: OpenStore;
    let store: SubmissionStore;
    const opened: SubmissionStore[] = [];

    async function openMigrated(): Promise<SubmissionStore> {
      const another = await openStore();
      opened.push(another);
      await another.migrate();
      return another;
    }

    beforeEach(async () => {
      openStore = await newDatabase();
      store = await openMigrated();
    });

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((each) => each.close()));
    });

    it("creates queued submissions in order and reads them back whole", async () => {
      const created = await store.create([
        newSubmission("alice", "print(1)"),
        newSubmission("alice", "print(2)", {
          callbackUrl: "http://127.0.0.1:9/hook",
          meta: { base64: true, nested: { language_id: 71 } },
        }),
      ]);
      expect(created.map(sourceOf)).toEqual(["print(1)", "print(2)"]);
      for (const record of created) {
        expect(record.id).toMatch(
          /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        );
        expect(record).toMatchObject({
          owner: "alice",
          state: "queued",
          attempts: 0,
          callbackAttempts: 0,
        });
        expect(record.createdAt).toBeInstanceOf(Date);
        expect(record.outcome).toBeUndefined();
        expect(record.startedAt).toBeUndefined();
      }
      expect(created[0]).toMatchObject({ callbackState: "none", meta: {} });
      expect(created[0]?.callbackUrl).toBeUndefined();
      expect(await store.get("alice", created[1]?.id ?? "")).toEqual(created[1]);
      expect(created[1]).toMatchObject({
        callbackUrl: "http://127.0.0.1:9/hook",
        callbackState: "none",
        meta: { base64: true, nested: { language_id: 71 } },
      });
    });

    it("creates all or none: one bad item stores nothing", async () => {
      const unstorable = newSubmission("alice", "print(2)", { meta: { size: 1n } });
      await expect(
        store.create([newSubmission("alice", "print(1)"), unstorable]),
      ).rejects.toThrow();
      expect(await store.countByState()).toEqual({ queued: 0, running: 0, done: 0 });
    });

    it("keeps any output exactly: NUL, lone surrogates, astral characters", async () => {
      const [record] = await store.create([newSubmission("alice", "x")]);
      const id = record?.id ?? "";
      const claimed = await store.claimNext("i1", new Date(Date.now() + MINUTE));
      expect(claimed?.id).toBe(id);
      const stdout = "a\u0000b \ud800 \udfff 😀 é\r\n";
      const outcome = {
        kind: "error",
        error: { code: "internal_error", message: stdout },
      } satisfies SubmissionOutcome;
      expect(await store.complete("i1", id, outcome)).toBe(true);
      expect((await store.get("alice", id))?.outcome).toEqual(outcome);
    });

    it("scopes reads and deletes to the owner", async () => {
      const [mine] = await store.create([newSubmission("alice", "mine")]);
      const id = mine?.id ?? "";
      expect(await store.get("bob", id)).toBeUndefined();
      expect(await store.get("", id)).toBeUndefined();
      expect(await store.getMany("bob", [id])).toEqual([]);
      expect((await store.list({ owner: "bob", limit: 10 })).items).toEqual([]);
      expect(await store.delete("bob", id)).toBe(false);
      expect(await store.get("alice", id)).toEqual(mine);
      expect(await store.delete("alice", id)).toBe(true);
      expect(await store.get("alice", id)).toBeUndefined();
      expect(await store.delete("alice", id)).toBe(false);
    });

    it("finds nothing under an id it could not have made (a NUL character included)", async () => {
      await store.create([newSubmission("alice", "x")]);
      for (const id of ["", "nope", "\u0000", "00000000-0000-4000-8000-00000000000\u0000"]) {
        expect(await store.get("alice", id)).toBeUndefined();
        expect(await store.delete("alice", id)).toBe(false);
        expect(await store.getMany("alice", [id])).toEqual([]);
      }
    });

    it("getMany answers in the order asked, leaving out missing and other owners' ids", async () => {
      const [a, b, c] = await store.create([
        newSubmission("alice", "a"),
        newSubmission("alice", "b"),
        newSubmission("alice", "c"),
      ]);
      const [other] = await store.create([newSubmission("bob", "other")]);
      const got = await store.getMany("alice", [
        c?.id ?? "",
        "00000000-0000-4000-8000-000000000000",
        a?.id ?? "",
        other?.id ?? "",
        b?.id ?? "",
      ]);
      expect(got.map(sourceOf)).toEqual(["c", "a", "b"]);
      expect(await store.getMany("alice", [])).toEqual([]);
    });

    it("lists the owner's submissions newest first, page by page, filtered by state", async () => {
      const created = await store.create(
        ["s1", "s2", "s3", "s4", "s5"].map((source) => newSubmission("alice", source)),
      );
      await store.create([newSubmission("bob", "not alice's")]);
      const sources: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store.list({ owner: "alice", limit: 2, cursor });
        sources.push(...page.items.map(sourceOf));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor !== undefined && pages < 10);
      expect(sources).toEqual(["s5", "s4", "s3", "s2", "s1"]);
      expect(pages).toBe(3);
      expect((await store.list({ owner: "alice", limit: 5 })).nextCursor).toBeUndefined();

      // Claim the oldest two and finish one: the filter sees each state.
      await store.claimNext("i1", new Date(Date.now() + MINUTE));
      await store.claimNext("i1", new Date(Date.now() + MINUTE));
      expect(await store.complete("i1", created[0]?.id ?? "", FINISHED)).toBe(true);
      const byState = async (state: "queued" | "running" | "done") =>
        (await store.list({ owner: "alice", state, limit: 100 })).items.map(sourceOf);
      expect(await byState("queued")).toEqual(["s5", "s4", "s3"]);
      expect(await byState("running")).toEqual(["s2"]);
      expect(await byState("done")).toEqual(["s1"]);
    });

    it("gives cursors that name only the page's last item, never a count of other owners' submissions", async () => {
      await store.create([newSubmission("alice", "a1")]);
      await store.create(["b1", "b2", "b3"].map((source) => newSubmission("bob", source)));
      await store.create([newSubmission("alice", "a2")]);
      const first = await store.list({ owner: "alice", limit: 1 });
      const cursor = first.nextCursor ?? "";
      expect(Buffer.from(cursor, "base64url").toString()).toBe(`i${first.items[0]?.id}`);
      const second = await store.list({ owner: "alice", limit: 1, cursor });
      expect(second.items.map(sourceOf)).toEqual(["a1"]);
      expect(second.nextCursor).toBeUndefined();
      // Another owner can't page from it: to bob the item doesn't exist.
      const foreign = await store.list({ owner: "bob", limit: 1, cursor }).catch((e: unknown) => e);
      expect(InvalidListQueryError.isInstance(foreign)).toBe(true);
    });

    it("says so when a cursor's item was deleted since, instead of an empty page", async () => {
      await store.create(["a1", "a2", "a3"].map((source) => newSubmission("alice", source)));
      const first = await store.list({ owner: "alice", limit: 1 });
      expect(await store.delete("alice", first.items[0]?.id ?? "")).toBe(true);
      const error = await store
        .list({ owner: "alice", limit: 1, cursor: first.nextCursor })
        .catch((e: unknown) => e);
      expect(InvalidListQueryError.isInstance(error)).toBe(true);
      expect((error as InvalidListQueryError).field).toBe("cursor");
      expect((error as Error).message).toMatch(/no longer exists.*first page/);
    });

    it("refuses a listing's bad cursor or limit with a typed error naming the field", async () => {
      const malformed = ["s12", "s-1", "i", "inot-an-id"].map((text) =>
        Buffer.from(text).toString("base64url"),
      );
      for (const cursor of ["nope", "", ...malformed]) {
        const error = await store
          .list({ owner: "alice", limit: 5, cursor })
          .catch((e: unknown) => e);
        expect(InvalidListQueryError.isInstance(error), `cursor ${JSON.stringify(cursor)}`).toBe(
          true,
        );
        expect((error as InvalidListQueryError).field).toBe("cursor");
      }
      for (const limit of [0, 101, 1.5]) {
        const error = await store.list({ owner: "alice", limit }).catch((e: unknown) => e);
        expect((error as InvalidListQueryError).field, `limit ${limit}`).toBe("limit");
      }
    });

    it("claims the oldest queued submission first, once, counting the attempt", async () => {
      const created = await store.create(["first", "second"].map((s) => newSubmission("alice", s)));
      const leaseUntil = new Date(Date.now() + MINUTE);
      const first = await store.claimNext("i1", leaseUntil);
      expect(first).toMatchObject({ id: created[0]?.id, state: "running", attempts: 1 });
      expect(first?.startedAt).toBeInstanceOf(Date);
      expect((await store.claimNext("i2", leaseUntil))?.id).toBe(created[1]?.id);
      expect(await store.claimNext("i1", leaseUntil)).toBeUndefined();
      expect(await store.countByState()).toEqual({ queued: 0, running: 2, done: 0 });
    });

    it("counts an owner's stored submissions and its unfinished ones (queued and running), not others'", async () => {
      await store.create([
        newSubmission("alice", "a"),
        newSubmission("alice", "b"),
        newSubmission("alice", "c"),
        newSubmission("bob", "d"),
      ]);
      expect(await store.countOwned("alice")).toEqual({ stored: 3, unfinished: 3 });
      const leaseUntil = new Date(Date.now() + MINUTE);
      const running = await store.claimNext("i1", leaseUntil);
      const finished = await store.claimNext("i1", leaseUntil);
      const outcome = {
        kind: "error",
        error: { code: "internal_error", message: "x" },
      } satisfies SubmissionOutcome;
      expect(await store.complete("i1", finished?.id ?? "", outcome)).toBe(true);
      expect(running?.state).toBe("running");
      expect(await store.countOwned("alice")).toEqual({ stored: 3, unfinished: 2 });
      expect(await store.countOwned("bob")).toEqual({ stored: 1, unfinished: 1 });
      expect(await store.countOwned("carol")).toEqual({ stored: 0, unfinished: 0 });
    });

    it("hands every submission to exactly one of many concurrent claimers on several instances", async () => {
      const total = 40;
      const created = await store.create(
        Array.from({ length: total }, (_, i) => newSubmission("alice", `job ${i}`)),
      );
      const instances = [store, await openMigrated(), await openMigrated()];
      const leaseUntil = new Date(Date.now() + MINUTE);
      const claimedBy = new Map<string, string[]>();
      await Promise.all(
        instances.flatMap((instance, n) =>
          Array.from({ length: 4 }, async (_, worker) => {
            const who = `instance ${n} worker ${worker}`;
            for (;;) {
              const record = await instance.claimNext(`instance-${n}`, leaseUntil);
              if (!record) return;
              claimedBy.set(record.id, [...(claimedBy.get(record.id) ?? []), who]);
            }
          }),
        ),
      );
      const twice = [...claimedBy].filter(([, claimers]) => claimers.length > 1);
      expect(twice).toEqual([]);
      expect([...claimedBy.keys()].sort()).toEqual(created.map((r) => r.id).sort());
      expect(await store.countByState()).toEqual({ queued: 0, running: total, done: 0 });
    });

    it("renews only the instance's own leases; an expired one is requeued, then failed the second time", async () => {
      const [record] = await store.create([
        newSubmission("alice", "x", { callbackUrl: "http://127.0.0.1:9/" }),
      ]);
      const id = record?.id ?? "";
      const t0 = Date.now();
      await store.claimNext("i1", new Date(t0 + MINUTE));
      expect(await store.recoverExpired(new Date(t0))).toEqual({ requeued: 0, failed: 0 });

      await store.renewLeases("i1", new Date(t0 + 10 * MINUTE));
      await store.renewLeases("i2", new Date(t0 + 100 * MINUTE)); // not its lease: no effect
      expect(await store.recoverExpired(new Date(t0 + 5 * MINUTE))).toEqual({
        requeued: 0,
        failed: 0,
      });
      expect(await store.recoverExpired(new Date(t0 + 11 * MINUTE))).toEqual({
        requeued: 1,
        failed: 0,
      });
      expect(await store.get("alice", id)).toMatchObject({ state: "queued", attempts: 1 });

      const again = await store.claimNext("i2", new Date(t0 + 12 * MINUTE));
      expect(again).toMatchObject({ id, state: "running", attempts: 2 });
      expect(await store.recoverExpired(new Date(t0 + 13 * MINUTE))).toEqual({
        requeued: 0,
        failed: 1,
      });
      const failed = await store.get("alice", id);
      expect(failed).toMatchObject({ state: "done", attempts: 2, callbackState: "pending" });
      expect(failed?.finishedAt).toBeInstanceOf(Date);
      expect(failed?.outcome?.kind).toBe("error");
      expect(failed?.outcome?.kind === "error" && failed.outcome.error.message).toMatch(
        /stopped during each of its 2 runs/,
      );
      expect(await store.claimNext("i3", new Date(t0 + 20 * MINUTE))).toBeUndefined();
    });

    it("completes a run only for the instance that still holds it", async () => {
      const [plain, withCallback] = await store.create([
        newSubmission("alice", "plain"),
        newSubmission("alice", "with callback", { callbackUrl: "http://127.0.0.1:9/" }),
      ]);
      const t0 = Date.now();
      await store.claimNext("i1", new Date(t0 + MINUTE));
      await store.claimNext("i1", new Date(t0 + MINUTE));
      expect(await store.complete("i2", plain?.id ?? "", FINISHED)).toBe(false);
      expect(await store.complete("i1", plain?.id ?? "", FINISHED)).toBe(true);
      expect(await store.complete("i1", plain?.id ?? "", FINISHED)).toBe(false);
      const done = await store.get("alice", plain?.id ?? "");
      expect(done).toMatchObject({ state: "done", outcome: FINISHED, callbackState: "none" });
      expect(done?.finishedAt).toBeInstanceOf(Date);

      // i1's lease runs out; i2 takes the work: i1's late result is refused, i2's kept.
      await store.recoverExpired(new Date(t0 + 2 * MINUTE));
      expect((await store.claimNext("i2", new Date(t0 + 3 * MINUTE)))?.id).toBe(withCallback?.id);
      expect(await store.complete("i1", withCallback?.id ?? "", FINISHED)).toBe(false);
      const second: SubmissionOutcome = {
        kind: "error",
        error: { code: "aborted", message: "i2's" },
      };
      expect(await store.complete("i2", withCallback?.id ?? "", second)).toBe(true);
      expect(await store.get("alice", withCallback?.id ?? "")).toMatchObject({
        outcome: second,
        callbackState: "pending",
        attempts: 2,
      });
    });

    it("refuses to complete a submission deleted while it ran", async () => {
      const [record] = await store.create([newSubmission("alice", "x")]);
      await store.claimNext("i1", new Date(Date.now() + MINUTE));
      expect(await store.delete("alice", record?.id ?? "")).toBe(true);
      expect(await store.complete("i1", record?.id ?? "", FINISHED)).toBe(false);
      expect(await store.countByState()).toEqual({ queued: 0, running: 0, done: 0 });
    });

    it("lists pending callbacks oldest first and records each delivery try", async () => {
      const created = await store.create(
        ["c1", "c2", "c3"].map((s) =>
          newSubmission("alice", s, { callbackUrl: `http://127.0.0.1:9/${s}` }),
        ),
      );
      await store.create([newSubmission("alice", "no callback")]);
      expect(await store.pendingCallbacks(10)).toEqual([]); // none done yet
      for (let i = 0; i < 4; i++) {
        const record = await store.claimNext("i1", new Date(Date.now() + MINUTE));
        await store.complete("i1", record?.id ?? "", FINISHED);
      }
      expect((await store.pendingCallbacks(10)).map(sourceOf)).toEqual(["c1", "c2", "c3"]);
      expect((await store.pendingCallbacks(2)).map(sourceOf)).toEqual(["c1", "c2"]);

      await store.recordCallback(created[0]?.id ?? "", "pending", 1);
      await store.recordCallback(created[1]?.id ?? "", "delivered", 2);
      await store.recordCallback(created[2]?.id ?? "", "failed", 3);
      expect(
        (await store.pendingCallbacks(10)).map((r) => [sourceOf(r), r.callbackAttempts]),
      ).toEqual([["c1", 1]]);
      expect(await store.get("alice", created[1]?.id ?? "")).toMatchObject({
        callbackState: "delivered",
        callbackAttempts: 2,
      });
      expect((await store.get("alice", created[2]?.id ?? ""))?.callbackState).toBe("failed");
    });

    it("deletes only done submissions finished before the cut-off", async () => {
      await store.create(["done", "running", "queued"].map((s) => newSubmission("alice", s)));
      const t0 = Date.now();
      const done = await store.claimNext("i1", new Date(t0 + MINUTE));
      await store.complete("i1", done?.id ?? "", FINISHED);
      await store.claimNext("i1", new Date(t0 + MINUTE));
      expect(await store.deleteFinishedBefore(new Date(t0 - MINUTE))).toBe(0);
      expect(await store.deleteFinishedBefore(new Date(Date.now() + MINUTE))).toBe(1);
      expect(await store.get("alice", done?.id ?? "")).toBeUndefined();
      expect(await store.countByState()).toEqual({ queued: 1, running: 1, done: 0 });
    });

    it("counts by state across owners", async () => {
      await store.create([
        newSubmission("alice", "a"),
        newSubmission("bob", "b"),
        newSubmission("", "c"),
      ]);
      const record = await store.claimNext("i1", new Date(Date.now() + MINUTE));
      await store.claimNext("i1", new Date(Date.now() + MINUTE));
      await store.complete("i1", record?.id ?? "", FINISHED);
      expect(await store.countByState()).toEqual({ queued: 1, running: 1, done: 1 });
    });

    it("migrates an up-to-date database again without change, and keeps data across reopening", async () => {
      const [record] = await store.create([newSubmission("alice", "kept")]);
      await store.migrate();
      await store.close();
      const reopened = await openMigrated();
      expect(await reopened.get("alice", record?.id ?? "")).toEqual(record);
    });

    it("closes idempotently", async () => {
      await store.close();
      await store.close();
    });
  });
}

/**
 * What a migration test expects of a store after bringing the first schema's three rows (done
 * with a pending callback, running under an old instance's lease until 4000, queued; owner
 * "alice", created 1000, started 2000, finished 3000) to the current schema: every column reads
 * back, and the old lease still runs out and requeues its work. Closes the store.
 */
export async function expectFirstSchemaRowsKept(
  store: SubmissionStore,
  done: { id: string; work: string; outcome: string },
): Promise<void> {
  expect(await store.get("alice", done.id)).toEqual({
    id: done.id,
    owner: "alice",
    work: JSON.parse(done.work),
    state: "done",
    outcome: JSON.parse(done.outcome),
    attempts: 1,
    callbackUrl: "http://127.0.0.1:9/",
    callbackState: "pending",
    callbackAttempts: 0,
    meta: { language_id: 71 },
    createdAt: new Date(1000),
    startedAt: new Date(2000),
    finishedAt: new Date(3000),
  });
  expect(await store.countByState()).toEqual({ queued: 1, running: 1, done: 1 });
  expect(await store.recoverExpired(new Date(5000))).toEqual({ requeued: 1, failed: 0 });
  expect((await store.pendingCallbacks(10)).map((record) => record.id)).toEqual([done.id]);
  await store.close();
}

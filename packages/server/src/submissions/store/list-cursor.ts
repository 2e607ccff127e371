import type { ListSubmissionsQuery } from "../submission-store.js";
import { InvalidListQueryError } from "./submission-store-errors.js";

/** The most items one page of a listing holds. */
export const MAX_LIST_LIMIT = 100;

/**
 * A listing's cursor is the insertion sequence number of the last item of the previous page,
 * opaque to clients (base64url), so pages stay stable while new submissions arrive.
 */
export function encodeListCursor(seq: number): string {
  return Buffer.from(`s${seq}`).toString("base64url");
}

/** The sequence number a page starts below, or undefined for the first page. */
function decodeListCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const match = /^s([1-9][0-9]{0,15})$/.exec(Buffer.from(cursor, "base64url").toString());
  const seq = match ? Number(match[1]) : Number.NaN;
  if (!Number.isSafeInteger(seq)) {
    throw new InvalidListQueryError("cursor", "cursor is not one a previous page returned");
  }
  return seq;
}

/** A listing query checked against its bounds, its cursor decoded. */
export interface CheckedListQuery {
  readonly owner: string;
  readonly state?: ListSubmissionsQuery["state"];
  readonly limit: number;
  /** Only items inserted before this sequence number (newest first). */
  readonly beforeSeq?: number;
}

/** Checks `limit` (1 to 100) and decodes the cursor; throws InvalidListQueryError otherwise. */
export function checkListQuery(query: ListSubmissionsQuery): CheckedListQuery {
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > MAX_LIST_LIMIT) {
    throw new InvalidListQueryError(
      "limit",
      `limit must be an integer from 1 to ${MAX_LIST_LIMIT} (got ${query.limit})`,
    );
  }
  return {
    owner: query.owner,
    state: query.state,
    limit: query.limit,
    beforeSeq: decodeListCursor(query.cursor),
  };
}

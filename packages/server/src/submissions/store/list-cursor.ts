import type { ListSubmissionsQuery } from "../submission-store.js";
import { isSubmissionId } from "./submission-row.js";
import { InvalidListQueryError } from "./submission-store-errors.js";

/** The most items one page of a listing holds. */
export const MAX_LIST_LIMIT = 100;

/**
 * A listing's cursor names the last item of the previous page (its id, which the client was just
 * given), opaque to clients (base64url); the next page is what the owner submitted before it, so
 * pages stay stable while new submissions arrive. Not the store's insertion sequence number:
 * that counts every owner's submissions, and two cursors would tell a client how many others
 * made in between.
 */
export function encodeListCursor(lastId: string): string {
  return Buffer.from(`i${lastId}`).toString("base64url");
}

/** The id of the item a page starts after, or undefined for the first page. */
function decodeListCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const lastId = /^i(.*)$/s.exec(Buffer.from(cursor, "base64url").toString())?.[1];
  if (lastId === undefined || !isSubmissionId(lastId)) {
    throw new InvalidListQueryError("cursor", "cursor is not one a previous page returned");
  }
  return lastId;
}

/** The error for a cursor whose item is gone (deleted, or past the retention time) since. */
export function vanishedCursorError(): InvalidListQueryError {
  return new InvalidListQueryError(
    "cursor",
    "the submission this cursor continues after no longer exists (deleted or expired): list again from the first page",
  );
}

/** A listing query checked against its bounds, its cursor decoded. */
export interface CheckedListQuery {
  readonly owner: string;
  readonly state?: ListSubmissionsQuery["state"];
  readonly limit: number;
  /** Only the owner's items inserted before this one of theirs (newest first). */
  readonly afterId?: string;
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
    afterId: decodeListCursor(query.cursor),
  };
}

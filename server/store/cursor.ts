import { z } from 'zod';
import { captureId } from '#shared/capture';
import { type FeedSort, feedSort } from '#shared/review';

/**
 * Position in the feed: the last item of a page, and the order it was read in (a position in
 * one order means nothing in another). Encoded so clients treat it as opaque.
 */
export interface FeedCursor {
  sort: FeedSort;
  createdAt: string;
  id: string;
  /** The severity sort's rank of the last item (0 otherwise). */
  rank: number;
}

const cursorPayload = z.strictObject({
  /** Absent in cursors issued before sorts existed: those were newest-first. */
  s: feedSort.optional(),
  // Whatever created_at holds; loose on purpose so an odd stored value cannot break paging.
  c: z.string().min(1).max(40),
  i: captureId,
  r: z.int().min(0).max(10).optional(),
});

export function encodeCursor(cursor: FeedCursor): string {
  const payload = { s: cursor.sort, c: cursor.createdAt, i: cursor.id, ...(cursor.sort === 'severity' ? { r: cursor.rank } : {}) };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

export type DecodedCursor = { ok: true; cursor: FeedCursor } | { ok: false; message: string };

/** Reads a cursor back, refusing one that was issued for another sort. */
export function decodeCursor(text: string, expectedSort: FeedSort = 'newest'): DecodedCursor {
  const invalid = {
    ok: false,
    message: 'not a cursor this server issued; pass back nextCursor from a previous page unchanged',
  } as const;
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return invalid;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return invalid;
  }
  const parsed = cursorPayload.safeParse(json);
  if (!parsed.success) return invalid;
  const sort = parsed.data.s ?? 'newest';
  if (sort !== expectedSort) {
    return { ok: false, message: `this cursor belongs to the ${sort} order; start again without a cursor to read by ${expectedSort}` };
  }
  if (sort === 'severity' && parsed.data.r === undefined) return invalid;
  return { ok: true, cursor: { sort, createdAt: parsed.data.c, id: parsed.data.i, rank: parsed.data.r ?? 0 } };
}

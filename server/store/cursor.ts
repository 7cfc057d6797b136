import { z } from 'zod';
import { captureId } from '#shared/capture';

/** Position in the feed: the last item of a page. Encoded so clients treat it as opaque. */
export interface FeedCursor {
  createdAt: string;
  id: string;
}

const cursorPayload = z.strictObject({
  // Whatever created_at holds; loose on purpose so an odd stored value cannot break paging.
  c: z.string().min(1).max(40),
  i: captureId,
});

export function encodeCursor(cursor: FeedCursor): string {
  return Buffer.from(JSON.stringify({ c: cursor.createdAt, i: cursor.id })).toString('base64url');
}

export type DecodedCursor = { ok: true; cursor: FeedCursor } | { ok: false; message: string };

export function decodeCursor(text: string): DecodedCursor {
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
  return { ok: true, cursor: { createdAt: parsed.data.c, id: parsed.data.i } };
}

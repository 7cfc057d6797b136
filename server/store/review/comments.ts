import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { CaptureComment } from '#shared/review';
import type { Database } from '../schema';
import { recordEvents } from './events';
import { type Viewer, visibleCondition } from './feed-filter';
import type { Db } from './rows';
import type { Actor } from './store';

/** Whether the capture is there for this viewer (published, and theirs unless they see everyone's). */
export async function isVisible(db: Db, captureId: string, viewer: Viewer): Promise<boolean> {
  const row = await db
    .selectFrom('captures')
    .select('id')
    .where(visibleCondition(viewer))
    .where('id', '=', captureId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function listComments(db: Db, captureId: string, viewer: Viewer): Promise<CaptureComment[] | null> {
  if (!(await isVisible(db, captureId, viewer))) return null;
  const rows = await db
    .selectFrom('capture_comments')
    .innerJoin('users', 'users.id', 'capture_comments.author_id')
    .select(['capture_comments.id', 'capture_comments.body', 'capture_comments.created_at', 'users.id as author_id', 'users.name'])
    .where('capture_comments.capture_id', '=', captureId)
    .orderBy('capture_comments.created_at')
    .orderBy('capture_comments.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    author: { id: row.author_id, name: row.name },
    body: row.body,
    createdAt: row.created_at,
  }));
}

/** Adds the comment and its history event together. */
export function addComment(
  db: Kysely<Database>,
  captureId: string,
  body: string,
  author: Actor,
  viewer: Viewer,
  at: string,
): Promise<CaptureComment | null> {
  return db.transaction().execute(async (trx) => {
    if (!(await isVisible(trx, captureId, viewer))) return null;
    const comment: CaptureComment = { id: uuidv7(), author: { id: author.id, name: author.name }, body, createdAt: at };
    await trx
      .insertInto('capture_comments')
      .values({ id: comment.id, capture_id: captureId, author_id: author.id, body, created_at: at })
      .execute();
    await recordEvents(trx, [{ captureId, type: 'comment', from: null, to: comment.id }], author.id, at);
    return comment;
  });
}

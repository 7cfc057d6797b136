import type { CaptureComment } from '#shared/review';
import type { Db } from './sql';

/** Comments are read in slices of this many captures, well under any engine's parameter limit. */
const IDS_PER_QUERY = 500;

/** Each capture's ops comments, oldest first, for exports (one query per slice, not per capture). */
export async function commentsOf(db: Db, captureIds: readonly string[]): Promise<Map<string, CaptureComment[]>> {
  const byCapture = new Map<string, CaptureComment[]>();
  for (let start = 0; start < captureIds.length; start += IDS_PER_QUERY) {
    const ids = captureIds.slice(start, start + IDS_PER_QUERY);
    const rows = await db
      .selectFrom('capture_comments')
      .innerJoin('users', 'users.id', 'capture_comments.author_id')
      .select([
        'capture_comments.id',
        'capture_comments.capture_id',
        'capture_comments.body',
        'capture_comments.created_at',
        'users.id as author_id',
        'users.name as author_name',
      ])
      .where('capture_comments.capture_id', 'in', ids)
      .orderBy('capture_comments.created_at')
      .orderBy('capture_comments.id')
      .execute();
    for (const row of rows) {
      const list = byCapture.get(row.capture_id) ?? [];
      list.push({ id: row.id, author: { id: row.author_id, name: row.author_name }, body: row.body, createdAt: row.created_at });
      byCapture.set(row.capture_id, list);
    }
  }
  return byCapture;
}

import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database } from '../schema';
import type { SqlDialect } from '../store';
import { type NewHistoryEvent, recordEvents } from './events';
import { getDetail, getReviewed } from './feed';
import { type Viewer, visibleCondition } from './feed-filter';
import type { Actor, MergeResult, UnmergeResult } from './store';

/** Any fixed key: every merge and unmerge takes this one lock, so no two interleave. */
const MERGE_LOCK_KEY = 'snag.review.merge';

/**
 * Waits until no other merge or unmerge is running, until this transaction ends. PostgreSQL runs
 * transactions side by side, and two opposite merges would each see the other's target unmerged and
 * make a cycle; SQLite already runs one write transaction at a time.
 */
async function lockMerges(trx: Transaction<Database>, dialect: SqlDialect): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${MERGE_LOCK_KEY}))`.execute(trx);
}

/**
 * Makes `duplicateIds` duplicates of `targetId`: status 'duplicate', merged into the target, and
 * whatever was merged into them re-pointed to the target, so merges never chain and the target
 * counts every reporter and customer. History on both sides. All or nothing, one merge at a time.
 */
export function merge(
  db: Kysely<Database>,
  dialect: SqlDialect,
  targetId: string,
  duplicateIds: readonly string[],
  actor: Actor,
  viewer: Viewer,
  at: string,
): Promise<MergeResult> {
  return db.transaction().execute(async (trx): Promise<MergeResult> => {
    await lockMerges(trx, dialect);
    const wanted = [...new Set(duplicateIds)].filter((id) => id !== targetId);
    const rows = await trx
      .selectFrom('captures')
      .select(['id', 'merged_into'])
      .where(visibleCondition(viewer))
      .where('id', 'in', [targetId, ...wanted])
      .execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    const target = byId.get(targetId);
    const missing = [targetId, ...wanted].filter((id) => !byId.has(id));
    if (target === undefined || missing.length > 0) return { status: 'not_found', ids: missing };
    if (target.merged_into !== null) return { status: 'target_merged', mergedInto: target.merged_into };

    // Captures merged into one of the new duplicates follow it to the target.
    const followers = await trx
      .selectFrom('captures')
      .select(['id', 'merged_into'])
      .where('merged_into', 'in', wanted)
      .where('id', 'not in', wanted)
      .execute();
    const moving = [...wanted.flatMap((id) => byId.get(id) ?? []), ...followers].filter((row) => row.merged_into !== targetId);
    if (moving.length === 0) {
      const detail = await getDetail(trx, targetId, viewer);
      if (detail === null) throw new Error(`capture ${targetId} vanished inside its own merge`);
      return { status: 'merged', detail, changedIds: [] };
    }

    const movingIds = moving.map((row) => row.id);
    await trx
      .updateTable('captures')
      .set({ status: 'duplicate', merged_into: targetId, triage_updated_at: at })
      .where('id', 'in', movingIds)
      .execute();
    const events: NewHistoryEvent[] = moving.flatMap((row) => [
      { captureId: row.id, type: 'merged_into', from: row.merged_into, to: targetId },
      { captureId: targetId, type: 'merged', from: null, to: row.id },
    ]);
    await recordEvents(trx, events, actor.id, at);
    await trx.updateTable('captures').set({ triage_updated_at: at }).where('id', '=', targetId).execute();

    const detail = await getDetail(trx, targetId, viewer);
    if (detail === null) throw new Error(`capture ${targetId} vanished inside its own merge`);
    return { status: 'merged', detail, changedIds: [targetId, ...movingIds] };
  });
}

/** Takes a duplicate back out of its target: status 'new' again, history on both. */
export function unmerge(
  db: Kysely<Database>,
  dialect: SqlDialect,
  id: string,
  actor: Actor,
  viewer: Viewer,
  at: string,
): Promise<UnmergeResult> {
  return db.transaction().execute(async (trx): Promise<UnmergeResult> => {
    await lockMerges(trx, dialect);
    const row = await trx
      .selectFrom('captures')
      .select(['id', 'merged_into'])
      .where(visibleCondition(viewer))
      .where('id', '=', id)
      .executeTakeFirst();
    if (row === undefined) return { status: 'not_found' };
    const formerTarget = row.merged_into;
    if (formerTarget === null) return { status: 'not_merged' };

    await trx
      .updateTable('captures')
      .set({ status: 'new', merged_into: null, triage_updated_at: at })
      .where('id', '=', id)
      .execute();
    await recordEvents(
      trx,
      [
        { captureId: id, type: 'unmerged', from: formerTarget, to: null },
        { captureId: formerTarget, type: 'unmerged', from: id, to: null },
      ],
      actor.id,
      at,
    );
    const capture = await getReviewed(trx, id, viewer);
    if (capture === null) throw new Error(`capture ${id} vanished inside its own unmerge`);
    return { status: 'unmerged', capture, formerTarget };
  });
}

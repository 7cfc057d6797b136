import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import { type NewHistoryEvent, recordEvents } from './events';
import { reviewedCaptures } from './feed';
import { type Viewer, visibleCondition } from './feed-filter';
import type { Db } from './rows';
import type { Actor, BulkTriageOutcome, TriageChange, TriageResult } from './store';

/** Whether `userId` is a member who may be assigned work: exists and is not deactivated. */
export async function isActiveUser(db: Db, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('id', '=', userId)
    .where('deactivated_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

interface TriageRow {
  id: string;
  status: string;
  priority: string | null;
  assignee_id: string | null;
  merged_into: string | null;
}

/** The history one change makes on one capture: an event per field that really changes. */
function eventsFor(row: TriageRow, change: TriageChange): NewHistoryEvent[] {
  const events: NewHistoryEvent[] = [];
  if (change.status !== undefined && change.status !== row.status) {
    events.push({ captureId: row.id, type: 'status', from: row.status, to: change.status });
  }
  if (change.priority !== undefined && change.priority !== row.priority) {
    events.push({ captureId: row.id, type: 'priority', from: row.priority, to: change.priority });
  }
  if (change.assigneeId !== undefined && change.assigneeId !== row.assignee_id) {
    events.push({ captureId: row.id, type: 'assignee', from: row.assignee_id, to: change.assigneeId });
  }
  return events;
}

/** The same change to every capture of `ids` the viewer can see, in one transaction. */
export function bulkTriage(
  db: Kysely<Database>,
  ids: readonly string[],
  change: TriageChange,
  actor: Actor,
  viewer: Viewer,
  at: string,
): Promise<BulkTriageOutcome> {
  return db.transaction().execute(async (trx): Promise<BulkTriageOutcome> => {
    if (typeof change.assigneeId === 'string' && !(await isActiveUser(trx, change.assigneeId))) {
      return { status: 'invalid_assignee' };
    }
    const wanted = [...new Set(ids)];
    const rows = await trx
      .selectFrom('captures')
      .select(['id', 'status', 'priority', 'assignee_id', 'merged_into'])
      .where(visibleCondition(viewer))
      .where('id', 'in', wanted)
      .execute();
    const found = new Set(rows.map((row) => row.id));
    const notFound = wanted.filter((id) => !found.has(id));

    // A duplicate's status is 'duplicate' for as long as it stays merged.
    const merged = rows.filter((row) => row.merged_into !== null && change.status !== undefined && change.status !== row.status);
    if (merged.length > 0) return { status: 'merged', ids: merged.map((row) => row.id) };

    const events = rows.flatMap((row) => eventsFor(row, change));
    const changedIds = [...new Set(events.map((event) => event.captureId))];
    if (changedIds.length > 0) {
      await trx
        .updateTable('captures')
        .set({
          ...(change.status === undefined ? {} : { status: change.status }),
          ...(change.priority === undefined ? {} : { priority: change.priority }),
          ...(change.assigneeId === undefined ? {} : { assignee_id: change.assigneeId }),
          triage_updated_at: at,
        })
        .where('id', 'in', changedIds)
        .execute();
      await recordEvents(trx, events, actor.id, at);
    }
    const updated = await reviewedCaptures(
      trx,
      wanted.filter((id) => found.has(id)),
      viewer,
    );
    return { status: 'updated', updated, notFound, changedIds };
  });
}

export async function triage(
  db: Kysely<Database>,
  id: string,
  change: TriageChange,
  actor: Actor,
  viewer: Viewer,
  at: string,
): Promise<TriageResult> {
  const outcome = await bulkTriage(db, [id], change, actor, viewer, at);
  if (outcome.status !== 'updated') return outcome;
  const [capture] = outcome.updated;
  if (capture === undefined) return { status: 'not_found' };
  return { status: 'updated', capture, changed: outcome.changedIds.length > 0 };
}

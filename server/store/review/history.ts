import { type HistoryEvent, historyEventType } from '#shared/review';
import { type Viewer, visibleCondition } from './feed-filter';
import type { Db } from './rows';

/** Events whose from/to name another capture rather than a value. */
const MERGE_EVENTS: ReadonlySet<string> = new Set(['merged', 'merged_into', 'unmerged']);

/** The ones of `ids` this viewer may see. */
async function visibleIds(db: Db, ids: readonly string[], viewer: Viewer): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('captures')
    .select('captures.id')
    .where(visibleCondition(viewer))
    .where('captures.id', 'in', [...ids])
    .execute();
  return new Set(rows.map((row) => row.id));
}

/**
 * The capture's arrival (by its reporter), then every recorded change, oldest first. A merge
 * event keeps its place but names the other capture only when the viewer may see it.
 */
export async function history(db: Db, captureId: string, viewer: Viewer): Promise<HistoryEvent[] | null> {
  const capture = await db
    .selectFrom('captures')
    .innerJoin('users', 'users.id', 'captures.reporter_id')
    .select(['captures.id', 'captures.received_at', 'users.id as reporter_id', 'users.name'])
    .where(visibleCondition(viewer))
    .where('captures.id', '=', captureId)
    .executeTakeFirst();
  if (capture === undefined) return null;

  const rows = await db
    .selectFrom('capture_events')
    .leftJoin('users', 'users.id', 'capture_events.actor_id')
    .select([
      'capture_events.id',
      'capture_events.at',
      'capture_events.actor_id',
      'capture_events.type',
      'capture_events.from_value',
      'capture_events.to_value',
      'users.name as actor_name',
    ])
    .where('capture_events.capture_id', '=', captureId)
    .orderBy('capture_events.at')
    .orderBy('capture_events.id')
    .execute();

  const others = rows.flatMap((row) => (MERGE_EVENTS.has(row.type) ? [row.from_value, row.to_value] : [])).filter((id) => id !== null);
  const visible = await visibleIds(db, [...new Set(others)], viewer);
  const shown = (row: (typeof rows)[number], value: string | null) =>
    value === null || !MERGE_EVENTS.has(row.type) || visible.has(value) ? value : null;

  const created: HistoryEvent = {
    id: capture.id,
    at: capture.received_at,
    actor: { id: capture.reporter_id, name: capture.name },
    type: 'created',
    from: null,
    to: null,
  };
  return [
    created,
    ...rows.map((row): HistoryEvent => {
      const type = historyEventType.safeParse(row.type);
      if (!type.success) throw new Error(`history event ${row.id} has an unknown type ${row.type}`);
      return {
        id: row.id,
        at: row.at,
        // An actor whose user row is gone still shows who it was, by id.
        actor: row.actor_id === null ? null : { id: row.actor_id, name: row.actor_name ?? row.actor_id },
        type: type.data,
        from: shown(row, row.from_value),
        to: shown(row, row.to_value),
      };
    }),
  ];
}

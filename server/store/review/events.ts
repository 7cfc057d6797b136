import { uuidv7 } from 'uuidv7';
import type { HistoryEventType } from '#shared/review';
import type { CaptureEventsTable } from './schema';
import type { Db } from './rows';

export interface NewHistoryEvent {
  captureId: string;
  type: Exclude<HistoryEventType, 'created'>;
  from: string | null;
  to: string | null;
}

/** SQLite takes at most 32766 bound values per statement; 7 per row leaves room. */
const EVENTS_PER_INSERT = 1000;

/** Appends history rows, all at `at` by `actorId`; ids are UUIDv7 so (at, id) keeps insertion order. */
export async function recordEvents(
  db: Db,
  events: readonly NewHistoryEvent[],
  actorId: string | null,
  at: string,
): Promise<void> {
  const rows: CaptureEventsTable[] = events.map((event) => ({
    id: uuidv7(),
    capture_id: event.captureId,
    at,
    actor_id: actorId,
    type: event.type,
    from_value: event.from,
    to_value: event.to,
  }));
  for (let start = 0; start < rows.length; start += EVENTS_PER_INSERT) {
    await db.insertInto('capture_events').values(rows.slice(start, start + EVENTS_PER_INSERT)).execute();
  }
}

import { sql } from 'kysely';
import { captureKinds } from '#shared/capture';
import { OTHER_SERIES, TIMELINE_TOP_TAGS } from '#shared/insights';
import type { SqlDialect } from '../store';
import { compareText, BucketCounter, createdDay, type Db, scope, toCount } from './sql';
import type { TimelineRequest } from './store';

type Series = { key: string; counts: number[] };

/**
 * Captures per bucket: one series per kind (in the kinds' usual order, those with captures), or
 * per tag: the TIMELINE_TOP_TAGS most used over the range, then 'other' for every other tag's uses.
 */
export async function timeline(db: Db, dialect: SqlDialect, request: TimelineRequest): Promise<Series[]> {
  const { filter, viewer, by } = request;
  const column = by === 'kind' ? sql`captures.kind` : sql`capture_tags.tag`;
  const rows = await sql<Record<string, unknown>>`
    select ${column} as series, ${createdDay} as day, count(*) as n
    ${scope(filter, viewer, dialect, by === 'tag' ? { tags: 'inner' } : {})}
    group by ${column}, ${createdDay}`.execute(db);

  const counter = new BucketCounter(request.bucket, request.buckets);
  const series = new Map<string, number[]>();
  const totals = new Map<string, number>();
  for (const row of rows.rows) {
    const key = String(row.series);
    const counts = series.get(key) ?? counter.empty();
    counter.add(counts, String(row.day), toCount(row.n));
    series.set(key, counts);
    totals.set(key, (totals.get(key) ?? 0) + toCount(row.n));
  }

  if (by === 'kind') {
    return captureKinds.flatMap((kind) => {
      const counts = series.get(kind);
      return counts === undefined ? [] : [{ key: kind, counts }];
    });
  }
  const ranked = [...series.keys()].sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0) || compareText(a, b));
  const top = ranked.slice(0, TIMELINE_TOP_TAGS).map((key) => ({ key, counts: series.get(key) ?? counter.empty() }));
  const rest = ranked.slice(TIMELINE_TOP_TAGS);
  if (rest.length === 0) return top;
  const other = counter.empty();
  for (const key of rest) (series.get(key) ?? []).forEach((count, index) => (other[index] = (other[index] ?? 0) + count));
  return [...top, { key: OTHER_SERIES, counts: other }];
}

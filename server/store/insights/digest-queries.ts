import { sql } from 'kysely';
import { type FeedFilter, type TriageStatus, triageStatus } from '#shared/review';
import { type Viewer, whereFeedFilter } from '../review/feed-filter';
import type { SqlDialect } from '../store';
import { compareText, type Db, scope, toCount } from './sql';
import type { KeyCount, ResolvedCapture } from './store';

export async function countBy(
  db: Db,
  dialect: SqlDialect,
  filter: FeedFilter,
  viewer: Viewer,
  dimension: 'kind' | 'tag',
): Promise<KeyCount[]> {
  const column = dimension === 'kind' ? sql`captures.kind` : sql`capture_tags.tag`;
  const rows = await sql<Record<string, unknown>>`
    select ${column} as key, count(*) as n
    ${scope(filter, viewer, dialect, dimension === 'tag' ? { tags: 'inner' } : {})}
    group by ${column}`.execute(db);
  return rows.rows
    .map((row) => ({ key: String(row.key), count: toCount(row.n) }))
    .sort((a, b) => b.count - a.count || compareText(a.key, b.key));
}

/** The filter's captures whatever their date: "open now" and "resolved in the range" are not about when a capture was made. */
const ANY_DATE: ReadonlySet<keyof FeedFilter> = new Set(['from', 'to']);

export async function statusCounts(db: Db, dialect: SqlDialect, filter: FeedFilter, viewer: Viewer): Promise<Record<TriageStatus, number>> {
  const rows = await sql<Record<string, unknown>>`
    select captures.status as status, count(*) as n
    from captures
    where ${whereFeedFilter(filter, viewer, dialect, { omit: ANY_DATE })}
    group by captures.status`.execute(db);
  const counts: Record<TriageStatus, number> = { new: 0, triaged: 0, in_progress: 0, resolved: 0, wont_fix: 0, duplicate: 0 };
  for (const row of rows.rows) {
    const status = triageStatus.safeParse(row.status);
    if (status.success) counts[status.data] = toCount(row.n);
  }
  return counts;
}

/** Captures whose status became 'resolved' in the range (per their history) and still is. */
export async function resolvedBetween(
  db: Db,
  dialect: SqlDialect,
  range: { from: string; to: string },
  filter: FeedFilter,
  viewer: Viewer,
  limit: number,
): Promise<{ total: number; items: ResolvedCapture[] }> {
  const resolved = sql`
    from captures
    join capture_events on capture_events.capture_id = captures.id
      and capture_events.type = 'status' and capture_events.to_value = 'resolved'
      and capture_events.at >= ${range.from} and capture_events.at <= ${range.to}
    where ${whereFeedFilter(filter, viewer, dialect, { omit: ANY_DATE })} and captures.status = 'resolved'`;
  const total = await sql<Record<string, unknown>>`select count(distinct captures.id) as n ${resolved}`.execute(db);
  const rows = await sql<Record<string, unknown>>`
    select captures.id as id, captures.comment as comment, captures.page_title as page_title,
      captures.route_key as route_key, max(capture_events.at) as resolved_at
    ${resolved}
    group by captures.id, captures.comment, captures.page_title, captures.route_key
    order by resolved_at desc, captures.id desc
    limit ${limit}`.execute(db);
  return {
    total: toCount(total.rows[0]?.n ?? 0),
    items: rows.rows.map((row) => ({
      id: String(row.id),
      comment: String(row.comment),
      pageTitle: String(row.page_title),
      routeKey: String(row.route_key),
      resolvedAt: String(row.resolved_at),
    })),
  };
}

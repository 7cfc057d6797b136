import { type RawBuilder, sql } from 'kysely';
import { elementLocator } from '#shared/capture';
import { type Hotspot, type HotspotDimension, trendOf } from '#shared/insights';
import type { SqlDialect } from '../store';
import { BucketCounter, createdDay, type Db, scope, textOrNull, toCount } from './sql';
import { bucketBounds } from './range';
import type { HotspotsRequest } from './store';

const COLUMNS: Readonly<Record<HotspotDimension, RawBuilder<string | null>>> = {
  route: sql`captures.route_key`,
  element: sql`captures.element_key`,
  tag: sql`capture_tags.tag`,
};

interface GroupKey {
  route: string | null;
  element: string | null;
  tag: string | null;
}

const keyOf = (group: GroupKey) => JSON.stringify([group.route, group.element, group.tag]);

function groupKey(row: Record<string, unknown>): GroupKey {
  return { route: textOrNull(row.route), element: textOrNull(row.element), tag: textOrNull(row.tag) };
}

/** `captures.route_key as route, null as element, …`: every key selected, the ungrouped ones null. */
function keySelection(groupBy: readonly HotspotDimension[]): RawBuilder<unknown> {
  const parts = (['route', 'element', 'tag'] as const).map((dimension) =>
    groupBy.includes(dimension) ? sql`${COLUMNS[dimension]} as ${sql.ref(dimension)}` : sql`null as ${sql.ref(dimension)}`,
  );
  return sql.join(parts);
}

function groupColumns(groupBy: readonly HotspotDimension[]): RawBuilder<unknown> {
  return sql.join(groupBy.map((dimension) => COLUMNS[dimension]));
}

/** The pinned element's words for people: its accessible name, its text, or its tag. */
function elementLabel(elementJson: unknown, key: string): string {
  if (typeof elementJson !== 'string') return key;
  const parsed = elementLocator.safeParse(JSON.parse(elementJson));
  if (!parsed.success) return key;
  const { name, text, tagName } = parsed.data;
  return name?.trim() || text.trim() || tagName;
}

/** Up to this many buckets, trends are counted in the same pass as everything else. */
const INLINE_TREND_MAX_BUCKETS = 120;

/**
 * `count(*) filter (where created_at in bucket i) as t<i>` for every bucket (standard SQL that
 * SQLite ≥ 3.30 and PostgreSQL share; measurably cheaper than sum(case …) on SQLite).
 */
function trendSums(request: HotspotsRequest): RawBuilder<unknown> {
  const sums = bucketBounds(request.bucket, request.buckets).map(
    ([start, end], index) =>
      sql`count(*) filter (where captures.created_at >= ${start} and captures.created_at < ${end}) as ${sql.ref(`t${index}`)}`,
  );
  return sql`, ${sql.join(sums)}`;
}

/**
 * One pass over the range groups the captures and counts each group's distinct customers and
 * reporters and its captures per bucket (filtered counts: cheaper than a second pass grouped by
 * day, which ranges with very many buckets still use). A last query finds each group's latest
 * capture by its created_at (the group's max), which is a handful of index lookups.
 */
export async function hotspots(db: Db, dialect: SqlDialect, request: HotspotsRequest): Promise<Hotspot[]> {
  const { filter, viewer, groupBy, limit } = request;
  const byTag = groupBy.includes('tag');
  const from = scope(filter, viewer, dialect, byTag ? { tags: 'left' } : {});
  const order = sql.join(groupBy.map((dimension) => sql`coalesce(${COLUMNS[dimension]}, '')`));
  const inline = request.buckets.length <= INLINE_TREND_MAX_BUCKETS;

  const top = await sql<Record<string, unknown>>`
    select ${keySelection(groupBy)}, count(*) as n,
      count(distinct captures.customer_key) as customers,
      count(distinct captures.reporter_id) as reporters,
      max(captures.created_at) as latest${inline ? trendSums(request) : sql``}
    ${from}
    group by ${groupColumns(groupBy)}
    order by n desc, latest desc, ${order}
    limit ${limit}`.execute(db);
  if (top.rows.length === 0) return [];

  const groups = top.rows.map((row) => ({
    key: groupKey(row),
    count: toCount(row.n),
    customers: toCount(row.customers),
    reporters: toCount(row.reporters),
    latest: String(row.latest),
    trend: inline ? request.buckets.map((_, index) => toCount(row[`t${index}`] ?? 0)) : null,
  }));
  const trends = inline ? new Map<string, number[]>() : await trendsByDay(db, dialect, request, groups.map((group) => group.key));
  const counter = new BucketCounter(request.bucket, request.buckets);

  const latestTimes = [...new Set(groups.map((group) => group.latest))];
  const candidates = await sql<Record<string, unknown>>`
    select captures.id, captures.comment, captures.element, captures.route_key, captures.element_key,
      captures.created_at, captures.tags
    ${scope(filter, viewer, dialect)} and captures.created_at in (${sql.join(latestTimes)})`.execute(db);

  return groups.map((group): Hotspot => {
    const { route, element, tag } = group.key;
    // The group's latest capture: its keys, that created_at, the greatest id on a tie.
    const latest = candidates.rows
      .filter((row) => String(row.created_at) === group.latest)
      .filter((row) => !groupBy.includes('route') || String(row.route_key) === route)
      .filter((row) => !groupBy.includes('element') || textOrNull(row.element_key) === element)
      .filter((row) => !byTag || hasTag(row.tags, tag))
      .sort((a, b) => (String(a.id) < String(b.id) ? 1 : -1))[0];
    const trend = group.trend ?? trends.get(keyOf(group.key)) ?? counter.empty();
    return {
      route,
      element: element === null ? null : { key: element, label: elementLabel(latest?.element, element) },
      tag,
      count: group.count,
      customers: group.customers,
      reporters: group.reporters,
      trend,
      direction: trendOf(trend),
      latestCaptureId: String(latest?.id ?? ''),
      latestComment: String(latest?.comment ?? ''),
    };
  });
}

/** Per-bucket counts of the given groups from a second pass grouped by day (for long ranges). */
async function trendsByDay(db: Db, dialect: SqlDialect, request: HotspotsRequest, keys: readonly GroupKey[]): Promise<Map<string, number[]>> {
  const { filter, viewer, groupBy } = request;
  const from = scope(filter, viewer, dialect, groupBy.includes('tag') ? { tags: 'left' } : {});
  const wanted = new Set(keys.map(keyOf));
  // Narrowed to the groups' routes when grouped by route.
  const routes = [...new Set(keys.map((key) => key.route).filter((route) => route !== null))];
  const narrowed = groupBy.includes('route') && routes.length > 0 ? sql` and captures.route_key in (${sql.join(routes)})` : sql``;
  const perDay = await sql<Record<string, unknown>>`
    select ${keySelection(groupBy)}, ${createdDay} as day, count(*) as n
    ${from}${narrowed}
    group by ${groupColumns(groupBy)}, ${createdDay}`.execute(db);
  const counter = new BucketCounter(request.bucket, request.buckets);
  const trends = new Map<string, number[]>();
  for (const row of perDay.rows) {
    const key = keyOf(groupKey(row));
    if (!wanted.has(key)) continue;
    const trend = trends.get(key) ?? counter.empty();
    counter.add(trend, String(row.day), toCount(row.n));
    trends.set(key, trend);
  }
  return trends;
}

/** Whether a capture's tags (JSON text) hold `tag`; a null tag means an untagged capture. */
function hasTag(tagsJson: unknown, tag: string | null): boolean {
  const tags: unknown = typeof tagsJson === 'string' ? JSON.parse(tagsJson) : [];
  if (!Array.isArray(tags)) return false;
  return tag === null ? tags.length === 0 : tags.includes(tag);
}

import { type Expression, type Kysely, type RawBuilder, type SqlBool, expressionBuilder, sql } from 'kysely';
import type { FeedFilter } from '#shared/review';
import { customerKey } from '../captures/customer-key';
import { SEVERITY_RANK } from '../captures/derived-columns';
import type { Database } from '../schema';
import type { SqlDialect } from '../store';
import { pathGlobCondition } from './path-glob';
import { parseSearch, postgresTsQuery, sqliteMatchQuery } from './search';

/** Who is asking: a viewer who does not see everyone's captures (a guest) sees only their own. */
export interface Viewer {
  userId: string;
  /** The caller has `feed:read-all`. */
  seesAll: boolean;
}

/** A filter's time range as bounds on `captures.created_at` (ISO UTC text): from ≤ created_at < until. */
export interface FeedTimeRange {
  from?: string;
  until?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** `from` and `to` as created_at bounds: a date `from` is that day's start (UTC), a date `to` includes that whole day. */
export function feedTimeRange(filter: Pick<FeedFilter, 'from' | 'to'>): FeedTimeRange {
  const range: FeedTimeRange = {};
  if (filter.from !== undefined) {
    range.from = new Date(isDate(filter.from) ? `${filter.from}T00:00:00.000Z` : filter.from).toISOString();
  }
  if (filter.to !== undefined) {
    const to = isDate(filter.to) ? Date.parse(`${filter.to}T00:00:00.000Z`) + DAY_MS : Date.parse(filter.to) + 1;
    range.until = new Date(to).toISOString();
  }
  return range;
}

/** A capture that announced a screenshot is unpublished (in no read at all) until that screenshot is attached. */
export function publishedCondition(): Expression<SqlBool> {
  const eb = expressionBuilder<Database, 'captures'>();
  return eb.or([eb('captures.declared_sha256', 'is', null), eb('captures.screenshot_sha256', 'is not', null)]);
}

/** What the viewer may see at all: published captures, and for guests only their own. */
export function visibleCondition(viewer: Viewer): Expression<SqlBool> {
  const eb = expressionBuilder<Database, 'captures'>();
  return viewer.seesAll ? publishedCondition() : eb.and([publishedCondition(), eb('captures.reporter_id', '=', viewer.userId)]);
}

/**
 * How SQLite should run a search: 'matches' starts from the full-text matches (best when they are
 * few, and for aggregates over all of them); 'order' walks the feed's order and checks each row
 * against the matches (best for a page of a common word). PostgreSQL's planner chooses itself.
 */
export type SearchPlan = 'matches' | 'order';

/** Full-text condition for the search box's text, or null when it holds no word to look for. */
export function searchCondition(dialect: SqlDialect, text: string, plan: SearchPlan = 'matches'): RawBuilder<SqlBool> | null {
  const search = parseSearch(text);
  if (search === null) return null;
  if (dialect === 'sqlite') {
    // captures_fts is an external-content FTS5 table keyed by captures.search_id (see migrations).
    // A unary + keeps SQLite from using the search_id index, so it walks the order instead.
    const key = plan === 'order' ? sql`+${sql.ref('captures.search_id')}` : sql.ref('captures.search_id');
    return sql<SqlBool>`${key} in (select rowid from captures_fts where captures_fts match ${sqliteMatchQuery(search)})`;
  }
  return sql<SqlBool>`${sql.ref('captures.search_vector')} @@ to_tsquery('simple', ${postgresTsQuery(search)})`;
}

export interface FeedFilterOptions {
  /** Fields to leave out, e.g. the tag when the caller joins capture_tags itself. */
  omit?: ReadonlySet<keyof FeedFilter>;
  searchPlan?: SearchPlan;
}

/** How many full-text matches `text` has on SQLite, counting no further than `cap`. */
export async function countSearchMatches(db: Kysely<Database>, text: string, cap: number): Promise<number> {
  const search = parseSearch(text);
  if (search === null) return 0;
  const { rows } = await sql<{ count: number }>`
    select count(*) as count from (select rowid from captures_fts where captures_fts match ${sqliteMatchQuery(search)} limit ${cap})`.execute(db);
  return Number(rows[0]?.count ?? 0);
}

/**
 * The WHERE condition for a feed filter, as seen by `viewer`, usable in any Kysely select that
 * has `captures` in scope (joins welcome; every column is qualified):
 *
 *   db.selectFrom('captures').select(…).where(whereFeedFilter(filter, viewer, dialect))
 *
 * It includes visibility (published captures only; guests see only their own), every field of
 * `feedFilter` (shared/review.ts) including full-text search, and hides captures merged into
 * another unless `includeMerged`. Each field narrows; a list matches any of its values.
 */
export function whereFeedFilter(
  filter: FeedFilter,
  viewer: Viewer,
  dialect: SqlDialect,
  options: FeedFilterOptions = {},
): Expression<SqlBool> {
  const omit = options.omit ?? new Set();
  const eb = expressionBuilder<Database, 'captures'>();
  const conditions: Expression<SqlBool>[] = [visibleCondition(viewer)];
  const use = <K extends keyof FeedFilter>(key: K): FeedFilter[K] | undefined => (omit.has(key) ? undefined : filter[key]);

  const kind = use('kind');
  if (kind !== undefined) conditions.push(eb('captures.kind', 'in', kind));
  const category = use('category');
  if (category !== undefined) conditions.push(eb('captures.category', 'in', category));
  const tag = use('tag');
  if (tag !== undefined) {
    conditions.push(
      eb.exists(
        eb
          .selectFrom('capture_tags')
          .select(sql.lit(1).as('one'))
          .whereRef('capture_tags.capture_id', '=', 'captures.id')
          .where('capture_tags.tag', 'in', tag),
      ),
    );
  }
  const severity = use('severity');
  // By rank, which captures_severity_rank_feed indexes (one rank per severity).
  if (severity !== undefined) conditions.push(eb('captures.severity_rank', 'in', severity.map((value) => SEVERITY_RANK[value])));
  const status = use('status');
  if (status !== undefined) conditions.push(eb('captures.status', 'in', status));
  const priority = use('priority');
  if (priority !== undefined) conditions.push(eb('captures.priority', 'in', priority));
  const assignee = use('assignee');
  if (assignee === 'none') conditions.push(eb('captures.assignee_id', 'is', null));
  else if (assignee !== undefined) {
    conditions.push(eb('captures.assignee_id', '=', assignee === 'me' ? viewer.userId : assignee));
  }
  const reporter = use('reporter');
  if (reporter !== undefined) conditions.push(eb('captures.reporter_id', 'in', reporter));
  const customer = use('customer');
  if (customer !== undefined) conditions.push(eb('captures.customer_key', '=', customerKey(customer)));
  const site = use('site');
  if (site !== undefined) conditions.push(eb('captures.site', '=', site));
  const path = use('path');
  if (path !== undefined) conditions.push(pathGlobCondition(dialect, path));
  const route = use('route');
  if (route !== undefined) conditions.push(eb('captures.route_key', '=', route));
  const element = use('element');
  if (element !== undefined) conditions.push(eb('captures.element_key', '=', element));
  const flow = use('flow');
  if (flow !== undefined) conditions.push(eb('captures.flow', '=', flow));
  const step = use('step');
  if (step !== undefined) conditions.push(eb('captures.flow_step', '=', step));

  const range = feedTimeRange({ from: use('from'), to: use('to') });
  if (range.from !== undefined) conditions.push(eb('captures.created_at', '>=', range.from));
  if (range.until !== undefined) conditions.push(eb('captures.created_at', '<', range.until));

  const q = use('q');
  const search = q === undefined ? null : searchCondition(dialect, q, options.searchPlan);
  if (search !== null) conditions.push(search);

  if (!filter.includeMerged) conditions.push(eb('captures.merged_into', 'is', null));
  return eb.and(conditions);
}

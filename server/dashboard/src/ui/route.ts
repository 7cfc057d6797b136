import {
  FEED_DEFAULT_LIMIT,
  feedQuery,
  feedQueryString,
  queryRecord,
  type FeedSort,
  type ParsedFeedQuery,
} from '#shared/review';

/**
 * Hash routes, so every view (the feed's filters included) is a shareable URL and the server needs
 * no SPA fallback:
 *   #/                           the feed; its filter is the query (`#/?status=new&tag=checkout`),
 *                                written exactly as GET /api/v1/captures takes it
 *   #/captures/<id>              one capture
 *   #/insights[/<tab>]?<filter>  hot spots, onboarding, charts
 *   #/reports?<filter>           exports and the digest
 *   #/pair  #/account  #/admin/<tab>  #/invite/<token>
 */

/** The feed's filter, sort and page size, holding only what differs from the defaults. */
export type FeedFilters = Partial<Omit<ParsedFeedQuery, 'cursor'>>;

export type Route =
  | { name: 'feed'; filters: FeedFilters }
  | { name: 'capture'; id: string }
  | { name: 'insights'; tab: string | undefined; query: string }
  | { name: 'reports'; query: string }
  | { name: 'pair' }
  | { name: 'account' }
  /** The admin page picks its first visible tab for an empty or unknown one. */
  | { name: 'admin'; tab: string }
  | { name: 'invite'; token: string }
  | { name: 'not-found'; path: string };

const LIST_KEYS = ['kind', 'category', 'tag', 'severity', 'status', 'priority', 'reporter'] as const;
const SINGLE_KEYS = [
  'assignee',
  'customer',
  'site',
  'path',
  'route',
  'element',
  'flow',
  'step',
  'from',
  'to',
  'q',
  'includeMerged',
  'sort',
  'limit',
] as const;

const shape = feedQuery.shape;

/**
 * The feed filter in a URL query. Lenient where the API is strict: a value that does not parse is
 * dropped (and a list keeps its good values), so a hand-edited or outdated link still opens the
 * feed rather than an error. Defaults are left out, so equal filters are equal objects.
 */
export function parseFilters(params: URLSearchParams): FeedFilters {
  const record = queryRecord(params.toString());
  const kept: Record<string, string | string[]> = {};
  for (const key of LIST_KEYS) {
    const raw = record[key];
    if (raw === undefined) continue;
    const values = (Array.isArray(raw) ? raw : [raw]).flatMap((value) => value.split(','));
    const good = values.filter((value) => shape[key].safeParse(value).success);
    if (good.length > 0) kept[key] = good;
  }
  for (const key of SINGLE_KEYS) {
    const raw = record[key];
    if (raw !== undefined && shape[key].safeParse(raw).success) kept[key] = raw;
  }
  const parsed = feedQuery.safeParse(kept);
  return parsed.success ? withoutDefaults(parsed.data) : {};
}

function dedupe<T>(values: readonly T[] | undefined): T[] | undefined {
  return values === undefined || values.length === 0 ? undefined : [...new Set(values)];
}

/** The filter with empty lists, defaults and undefined fields removed. */
export function withoutDefaults(query: Partial<ParsedFeedQuery>): FeedFilters {
  const filters: FeedFilters = {};
  const kind = dedupe(query.kind);
  if (kind) filters.kind = kind;
  const category = dedupe(query.category);
  if (category) filters.category = category;
  const tag = dedupe(query.tag);
  if (tag) filters.tag = tag;
  const severity = dedupe(query.severity);
  if (severity) filters.severity = severity;
  const status = dedupe(query.status);
  if (status) filters.status = status;
  const priority = dedupe(query.priority);
  if (priority) filters.priority = priority;
  const reporter = dedupe(query.reporter);
  if (reporter) filters.reporter = reporter;
  for (const key of ['assignee', 'customer', 'site', 'path', 'route', 'element', 'flow', 'step', 'from', 'to', 'q'] as const) {
    const value = query[key];
    if (value !== undefined && value !== '') filters[key] = value;
  }
  if (query.includeMerged === true) filters.includeMerged = true;
  if (query.sort !== undefined && query.sort !== 'newest') filters.sort = query.sort;
  if (query.limit !== undefined && query.limit !== FEED_DEFAULT_LIMIT) filters.limit = query.limit;
  return filters;
}

/** The query string of a filter (no `?`), as the API and saved views take it. */
export function filtersQuery(filters: FeedFilters): string {
  return feedQueryString(withoutDefaults(filters));
}

/** True when the filter narrows the feed (sort and page size do not). */
export function isFiltered(filters: FeedFilters): boolean {
  const { sort: _sort, limit: _limit, ...rest } = filters;
  return Object.keys(withoutDefaults(rest)).length > 0;
}

export function sortOf(filters: FeedFilters): FeedSort {
  return filters.sort ?? 'newest';
}

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const queryAt = raw.indexOf('?');
  const path = (queryAt === -1 ? raw : raw.slice(0, queryAt)) || '/';
  const query = queryAt === -1 ? '' : raw.slice(queryAt + 1);

  if (path === '/') return { name: 'feed', filters: parseFilters(new URLSearchParams(query)) };

  const segments = path.replace(/\/$/, '').split('/').slice(1);
  const [first, second, ...rest] = segments;
  if (rest.length > 0) return { name: 'not-found', path };
  if (first === 'captures' && second !== undefined && second !== '') {
    const id = decode(second);
    return id === null ? { name: 'not-found', path } : { name: 'capture', id };
  }
  if (first === 'insights') {
    const tab = second === undefined ? undefined : decode(second);
    return tab === null ? { name: 'not-found', path } : { name: 'insights', tab, query };
  }
  if (second === undefined) {
    if (first === 'reports') return { name: 'reports', query };
    if (first === 'pair') return { name: 'pair' };
    if (first === 'account') return { name: 'account' };
    if (first === 'admin') return { name: 'admin', tab: '' };
  }
  if (first === 'admin' && second !== undefined) {
    const tab = decode(second);
    if (tab !== null) return { name: 'admin', tab };
  }
  if (first === 'invite' && second !== undefined && second !== '') {
    const token = decode(second);
    if (token !== null) return { name: 'invite', token };
  }
  return { name: 'not-found', path };
}

const withQuery = (path: string, query: string) => (query ? `#${path}?${query}` : `#${path}`);

export function feedHref(filters: FeedFilters = {}): string {
  return withQuery('/', filtersQuery(filters));
}

export function captureHref(id: string): string {
  return `#/captures/${encodeURIComponent(id)}`;
}

export function formatRoute(route: Route): string {
  switch (route.name) {
    case 'feed':
      return feedHref(route.filters);
    case 'capture':
      return captureHref(route.id);
    case 'insights':
      return withQuery(route.tab === undefined ? '/insights' : `/insights/${encodeURIComponent(route.tab)}`, route.query);
    case 'reports':
      return withQuery('/reports', route.query);
    case 'pair':
      return '#/pair';
    case 'account':
      return '#/account';
    case 'admin':
      return route.tab === '' ? '#/admin' : `#/admin/${encodeURIComponent(route.tab)}`;
    case 'invite':
      return `#/invite/${encodeURIComponent(route.token)}`;
    case 'not-found':
      return `#${route.path}`;
  }
}

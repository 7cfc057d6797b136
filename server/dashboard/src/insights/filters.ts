import { feedFilter } from '#shared/review';

/**
 * The feed filter as the insights pages carry it: the hash query's parameters that the API's
 * feedFilter knows. Anything else in the hash (the feed's sort and paging, this page's own
 * settings) stays out of API calls, which reject unknown parameters.
 */

export type FeedFilterKey = keyof typeof feedFilter.shape;

const FILTER_LABELS: Readonly<Record<FeedFilterKey, string>> = {
  kind: 'Kind',
  category: 'Category',
  tag: 'Tag',
  severity: 'Severity',
  status: 'Status',
  priority: 'Priority',
  assignee: 'Assignee',
  reporter: 'Reporter',
  customer: 'Customer',
  site: 'Site',
  path: 'Path',
  route: 'Page',
  element: 'Element',
  flow: 'Flow',
  step: 'Step',
  from: 'From',
  to: 'To',
  q: 'Search',
  includeMerged: 'Include merged',
};

function isFeedFilterKey(key: string): key is FeedFilterKey {
  return Object.hasOwn(FILTER_LABELS, key);
}

/** Parameters of the feed filter (shared/review.ts `feedFilter`), in the schema's order. */
export const FEED_FILTER_KEYS: readonly FeedFilterKey[] = Object.keys(feedFilter.shape).filter(isFeedFilterKey);

/** The feed filter in `params` (every value of each known key), ready for an API query. */
export function filterQuery(params: URLSearchParams, keys: readonly string[] = FEED_FILTER_KEYS): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of keys) for (const value of params.getAll(key)) if (value !== '') query.append(key, value);
  return query;
}

/** Filters that take several values (`tag=a,b` or `tag=a&tag=b`); the others take one, commas and all. */
const LIST_KEYS: ReadonlySet<FeedFilterKey> = new Set(['kind', 'category', 'tag', 'severity', 'status', 'priority', 'reporter']);

function values(params: URLSearchParams, key: FeedFilterKey): string[] {
  const raw = params.getAll(key);
  const split = LIST_KEYS.has(key) ? raw.flatMap((value) => value.split(',')) : raw;
  return split.map((value) => value.trim()).filter((value) => value !== '');
}

export interface ActiveFilter {
  key: FeedFilterKey;
  label: string;
  value: string;
}

/** The filters in effect, excluding the date range (shown by its own picker). */
export function activeFilters(params: URLSearchParams): ActiveFilter[] {
  const active: ActiveFilter[] = [];
  for (const key of FEED_FILTER_KEYS) {
    if (key === 'from' || key === 'to') continue;
    for (const value of values(params, key)) {
      // includeMerged=false is the default, not a filter.
      if (key === 'includeMerged' && (value === 'false' || value === '0')) continue;
      active.push({ key, label: FILTER_LABELS[key], value });
    }
  }
  return active;
}

/** `params` without one filter value (the others of the same key stay). */
export function withoutFilter(params: URLSearchParams, removed: ActiveFilter): URLSearchParams {
  const next = new URLSearchParams(params);
  const kept = values(params, removed.key).filter((value) => value !== removed.value);
  next.delete(removed.key);
  for (const value of kept) next.append(removed.key, value);
  return next;
}

/** `params` with no feed filter left (the range, and anything that is not a filter, stay). */
export function withoutFilters(params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of FEED_FILTER_KEYS) if (key !== 'from' && key !== 'to') next.delete(key);
  return next;
}

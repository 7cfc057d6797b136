import { filterQuery } from './filters';
import type { DateRange } from './range';

/**
 * Hash links between the insights pages and the feed. The hash query is the feed filter (plus
 * from/to), so carrying it from page to page keeps the same slice of captures in view.
 */

export const INSIGHT_TABS = ['hotspots', 'onboarding', 'charts'] as const;
export type InsightTab = (typeof INSIGHT_TABS)[number];

export function isInsightTab(value: string | undefined): value is InsightTab {
  return INSIGHT_TABS.some((tab) => tab === value);
}

function withQuery(path: string, params: URLSearchParams): string {
  const query = params.toString();
  return query ? `#${path}?${query}` : `#${path}`;
}

/** `#/insights` for hot spots (the default tab), `#/insights/<tab>` for the others. */
export function insightsHref(tab: InsightTab, params: URLSearchParams): string {
  return withQuery(tab === 'hotspots' ? '/insights' : `/insights/${tab}`, params);
}

export function reportsHref(params: URLSearchParams): string {
  return withQuery('/reports', params);
}

export function feedHref(params: URLSearchParams): string {
  return withQuery('/', params);
}

/**
 * Narrow `params` further: each entry sets that parameter to one value, or removes it (null).
 * Everything else (the other filters) is kept.
 */
export function narrowed(params: URLSearchParams, changes: Readonly<Record<string, string | null>>): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(changes)) {
    next.delete(key);
    if (value !== null) next.set(key, value);
  }
  // Paging belongs to the list it came from.
  next.delete('cursor');
  return next;
}

/**
 * The feed with the current filters and range, narrowed by `changes`. Only feed-filter
 * parameters travel: this page's own settings (groupBy, …) mean nothing to the feed.
 */
export function feedLink(
  params: URLSearchParams,
  range: DateRange,
  changes: Readonly<Record<string, string | null>> = {},
): string {
  return feedHref(narrowed(filterQuery(params), { ...changes, from: range.from, to: range.to }));
}

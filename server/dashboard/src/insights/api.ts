import { API_PREFIX } from '#shared/api';
import {
  hotspotDimensions,
  hotspotsResponse,
  onboardingResponse,
  timelineResponse,
  topResponse,
  type BucketSize,
  type HotspotDimension,
  type HotspotsResponse,
  type OnboardingResponse,
  type TimelineResponse,
  type TopDimension,
  type TopResponse,
} from '#shared/insights';
import type { Http } from '../ui/http';
import { FEED_FILTER_KEYS, filterQuery } from './filters';
import type { DateRange } from './range';

/** The insights and reports routes, on the session's transport (cookie + zod-parsed answers). */

export const HOTSPOT_GROUPS = hotspotDimensions;
export type HotspotGroup = HotspotDimension;
export type TimelineBy = 'kind' | 'tag';
export type ExportFormat = 'csv' | 'json';
export type DigestFormat = 'html' | 'markdown';
export type { BucketSize, TopDimension };

export interface InsightsApi {
  hotspots(
    params: URLSearchParams,
    range: DateRange,
    options: { groupBy: readonly HotspotGroup[]; limit?: number },
    signal?: AbortSignal,
  ): Promise<HotspotsResponse>;
  onboarding(params: URLSearchParams, range: DateRange, signal?: AbortSignal): Promise<OnboardingResponse>;
  timeline(
    params: URLSearchParams,
    range: DateRange,
    options: { bucket?: BucketSize; by: TimelineBy },
    signal?: AbortSignal,
  ): Promise<TimelineResponse>;
  top(
    params: URLSearchParams,
    range: DateRange,
    options: { dimension: TopDimension; limit: number },
    signal?: AbortSignal,
  ): Promise<TopResponse>;
}

/** The feed filter from the URL, the range, and the route's own parameters. */
export function insightQuery(
  params: URLSearchParams,
  range: DateRange,
  extra: Readonly<Record<string, string | undefined>> = {},
): string {
  const query = filterQuery(params);
  query.set('from', range.from);
  query.set('to', range.to);
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) query.set(key, value);
  return query.toString();
}

export function createInsightsApi(http: Http): InsightsApi {
  return {
    hotspots: (params, range, { groupBy, limit }, signal) =>
      http.get(
        `/insights/hotspots?${insightQuery(params, range, { groupBy: groupBy.join(','), limit: limit?.toString() })}`,
        hotspotsResponse,
        { signal },
      ),
    onboarding: (params, range, signal) =>
      http.get(`/insights/onboarding?${insightQuery(params, range)}`, onboardingResponse, { signal }),
    timeline: (params, range, { bucket, by }, signal) =>
      http.get(`/insights/timeline?${insightQuery(params, range, { bucket, by })}`, timelineResponse, { signal }),
    top: (params, range, { dimension, limit }, signal) =>
      http.get(`/insights/top?${insightQuery(params, range, { dimension, limit: String(limit) })}`, topResponse, { signal }),
  };
}

/**
 * Where the browser downloads the current filter's captures (in the feed's order). A plain link:
 * the session cookie rides along (same origin) and the server answers with an attachment.
 */
export function exportHref(params: URLSearchParams, format: ExportFormat): string {
  const query = filterQuery(params, [...FEED_FILTER_KEYS, 'sort']);
  query.set('format', format);
  return `${API_PREFIX}/export/captures?${query.toString()}`;
}

/** The weekly digest of the feed filter in `params` over a range, as a printable page or a Markdown file. */
export function digestHref(range: DateRange, format: DigestFormat, params: URLSearchParams = new URLSearchParams()): string {
  const query = filterQuery(params, FEED_FILTER_KEYS.filter((key) => key !== 'from' && key !== 'to'));
  query.set('from', range.from);
  query.set('to', range.to);
  query.set('format', format);
  return `${API_PREFIX}/reports/digest?${query.toString()}`;
}

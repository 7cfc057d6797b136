import type {
  BucketSize,
  FlowFriction,
  Hotspot,
  HotspotDimension,
  TopDimension,
  TopItem,
} from '#shared/insights';
import type { CaptureComment, FeedFilter, TriageStatus } from '#shared/review';
import type { Viewer } from '../review/feed-filter';

/** A filter whose from/to are already resolved (range.ts), with the buckets to count in. */
export interface BucketedFilter {
  filter: FeedFilter;
  viewer: Viewer;
  bucket: BucketSize;
  /** Each bucket's first day, oldest first (range.ts `bucketsBetween`). */
  buckets: readonly string[];
}

export interface HotspotsRequest extends BucketedFilter {
  groupBy: readonly HotspotDimension[];
  limit: number;
}

export interface TimelineRequest extends BucketedFilter {
  by: 'kind' | 'tag';
}

export interface TopRequest {
  filter: FeedFilter;
  viewer: Viewer;
  dimension: TopDimension;
  limit: number;
}

export interface KeyCount {
  key: string;
  count: number;
}

export interface ResolvedCapture {
  id: string;
  comment: string;
  pageTitle: string;
  routeKey: string;
  /** When its status last became 'resolved'. */
  resolvedAt: string;
}

/**
 * The insights part of the Store: read-only aggregates over captures, each honouring the feed
 * filter (review/feed-filter.ts) and the viewer's visibility exactly as the feed does.
 */
export interface InsightStore {
  /** Groups by route, element and/or tag; most captures first. */
  hotspots(request: HotspotsRequest): Promise<Hotspot[]>;
  /** Captures with a flow, by flow and step; flows with most captures first. */
  onboarding(filter: FeedFilter, viewer: Viewer): Promise<FlowFriction[]>;
  /** Series of counts per bucket: each kind, or the top tags plus 'other'. */
  timeline(request: TimelineRequest): Promise<{ key: string; counts: number[] }[]>;
  top(request: TopRequest): Promise<TopItem[]>;
  /** Captures per kind or per tag (most first). */
  countBy(filter: FeedFilter, viewer: Viewer, dimension: 'kind' | 'tag'): Promise<KeyCount[]>;
  /** Right now: the filter's captures (whatever their date; merged ones only with includeMerged), per status. */
  statusCounts(filter: FeedFilter, viewer: Viewer): Promise<Record<TriageStatus, number>>;
  /** The filter's captures (whatever their date) resolved between from and to (inclusive ISO instants) and still resolved; newest first. */
  resolvedBetween(
    range: { from: string; to: string },
    filter: FeedFilter,
    viewer: Viewer,
    limit: number,
  ): Promise<{ total: number; items: ResolvedCapture[] }>;
  /** Ops comments of each capture, oldest first (captures without any are absent). */
  commentsOf(captureIds: readonly string[]): Promise<Map<string, CaptureComment[]>>;
}

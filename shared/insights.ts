import { z } from 'zod';
import { text } from './text';
import type { Category } from './capture';
import { type FeedFilter, feedFilter, feedQueryString, feedSort } from './review';

/**
 * Insights (hot spots, onboarding friction, charts, top lists), exports and the digest. Every
 * query is the feed's filter plus a few parameters of its own, so any feed view can be charted,
 * exported or reported on with the same URL query.
 */

/** Insights without from/to look at this many days up to now. */
export const INSIGHTS_DEFAULT_DAYS = 30;
/** The digest is a weekly report: without from/to it covers the last seven days. */
export const DIGEST_DEFAULT_DAYS = 7;
/** Longer ranges are charted in weeks. */
export const DAY_BUCKETS_MAX_DAYS = 62;
/** Buckets a chart may have (a decade of weeks is ~520). */
export const BUCKETS_MAX = 1000;

export const bucketSizes = ['day', 'week'] as const;
export const bucketSize = z.enum(bucketSizes);
/** Buckets are UTC days, or ISO weeks (Monday to Sunday, UTC), named by their first day: `2026-11-16`. */
export type BucketSize = z.infer<typeof bucketSize>;

/** One value of a query parameter (a repeated one keeps the last; empty means not given). */
function single<T extends z.ZodType>(schema: T) {
  return z.preprocess((value: unknown) => {
    const last = Array.isArray(value) ? value.at(-1) : value;
    return typeof last === 'string' && last.trim() === '' ? undefined : last;
  }, schema);
}

/** A repeatable parameter: `?groupBy=route&groupBy=tag` or `?groupBy=route,tag`. */
function list<T extends z.ZodType>(item: T) {
  return z.preprocess((value: unknown) => {
    if (value === undefined || value === null) return undefined;
    const parts = (Array.isArray(value) ? value : [value]).flatMap((part: unknown) =>
      typeof part === 'string' ? part.split(',').filter((piece) => piece.trim() !== '') : [part],
    );
    return parts.length === 0 ? undefined : parts;
  }, z.array(item).min(1).max(10).optional());
}

const limit = (max: number, fallback: number) => single(z.coerce.number().int().min(1).max(max).default(fallback));

export const hotspotDimensions = ['route', 'element', 'tag'] as const;
export const hotspotDimension = z.enum(hotspotDimensions);
export type HotspotDimension = z.infer<typeof hotspotDimension>;

/**
 * What a hot spot is, everywhere (Insights, Reports, the digest): a page (its route key). Element
 * and tag only split a page further when someone drills down.
 */
export const HOTSPOT_DEFAULT_GROUP_BY: readonly HotspotDimension[] = ['route'];

export const trendDirections = ['new', 'rising', 'steady', 'falling'] as const;
export const trendDirection = z.enum(trendDirections);
/** How a hot spot moved over its range. */
export type TrendDirection = z.infer<typeof trendDirection>;

/** A change smaller than this many captures, or than this share of the earlier half, is noise. */
const TREND_MIN_CHANGE = 2;
const TREND_MIN_SHARE = 0.25;

/**
 * The one definition of a trend: the later half of the buckets against the earlier half (an odd
 * middle bucket counts for neither). Nothing before and something now is 'new'; otherwise a change
 * of fewer than 2 captures, or under a quarter of the earlier half, is 'steady'.
 */
export function trendOf(counts: readonly number[]): TrendDirection {
  const half = Math.floor(counts.length / 2);
  const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
  const earlier = sum(counts.slice(0, half));
  const later = sum(counts.slice(counts.length - half));
  if (earlier === 0) return later > 0 ? 'new' : 'steady';
  const change = later - earlier;
  if (Math.abs(change) < Math.max(TREND_MIN_CHANGE, earlier * TREND_MIN_SHARE)) return 'steady';
  return change > 0 ? 'rising' : 'falling';
}

/** How a trend reads: `↑ rising`, `↓ falling`, `→ steady`, `✦ new`. */
export const TREND_WORDS: Readonly<Record<TrendDirection, string>> = {
  new: '✦ new',
  rising: '↑ rising',
  steady: '→ steady',
  falling: '↓ falling',
};

export const HOTSPOTS_DEFAULT_LIMIT = 50;
export const HOTSPOTS_MAX_LIMIT = 100;

/** GET /insights/hotspots. */
export const hotspotsQuery = feedFilter.extend({
  /** What makes two captures the same hot spot; any of route, element, tag (default the page: HOTSPOT_DEFAULT_GROUP_BY). */
  groupBy: list(hotspotDimension).transform((dimensions) => [...new Set(dimensions ?? HOTSPOT_DEFAULT_GROUP_BY)]),
  limit: limit(HOTSPOTS_MAX_LIMIT, HOTSPOTS_DEFAULT_LIMIT),
});
export type HotspotsQuery = z.input<typeof hotspotsQuery>;
export type ParsedHotspotsQuery = z.output<typeof hotspotsQuery>;

/** The range an answer covers (ISO date-times, both inclusive) and how it was cut into buckets. */
const rangeFields = {
  from: text(),
  to: text(),
  bucket: bucketSize,
  /** Each bucket's first day (`2026-11-16`), oldest first; per-bucket counts follow this order. */
  buckets: z.array(text()),
};

export const hotspotElement = z.strictObject({
  /** The pinned element's key (shared/route-key.ts `elementKey`): the feed's `element` filter. */
  key: text(),
  /** Its accessible name, text or tag, from the latest capture. */
  label: text(),
});

export const hotspot = z.strictObject({
  /** The route key (the feed's `route` filter); null when not grouped by route. */
  route: text().nullable(),
  /** null when not grouped by element, or for captures without a pinned element. */
  element: hotspotElement.nullable(),
  /** null when not grouped by tag, or for untagged captures. */
  tag: text().nullable(),
  count: z.number().int().nonnegative(),
  /** Distinct customers, ignoring case. */
  customers: z.number().int().nonnegative(),
  reporters: z.number().int().nonnegative(),
  /** Captures per bucket. */
  trend: z.array(z.number().int().nonnegative()),
  /** `trendOf(trend)`: the same word in Insights, Reports and the digest. */
  direction: trendDirection,
  latestCaptureId: text(),
  latestComment: text(),
});
export type Hotspot = z.infer<typeof hotspot>;

export const hotspotsResponse = z.strictObject({ ...rangeFields, hotspots: z.array(hotspot) });
export type HotspotsResponse = z.infer<typeof hotspotsResponse>;

/** GET /insights/onboarding: the feed filter (usually `kind=friction`); only captures with a flow count. */
export const onboardingQuery = feedFilter;
export type OnboardingQuery = z.input<typeof onboardingQuery>;

const count = z.number().int().nonnegative();

/** Captures per severity (those without one are not counted here). */
export const severityCounts = z.strictObject({ low: count, medium: count, high: count, critical: count });
export type SeverityCounts = z.infer<typeof severityCounts>;

export const flowStep = z.strictObject({
  step: text(),
  count: z.number().int().nonnegative(),
  customers: z.number().int().nonnegative(),
  reporters: z.number().int().nonnegative(),
  severity: severityCounts,
});
export type FlowStepFriction = z.infer<typeof flowStep>;

export const flowFriction = z.strictObject({
  flow: text(),
  /** Every capture of the flow, with a step or without. */
  captures: z.number().int().nonnegative(),
  customers: z.number().int().nonnegative(),
  /** The step with most captures (ties: most customers); null when no capture named a step. */
  worstStep: text().nullable(),
  /** In the order they were first seen in the range. */
  steps: z.array(flowStep),
});
export type FlowFriction = z.infer<typeof flowFriction>;

export const onboardingResponse = z.strictObject({
  from: text(),
  to: text(),
  /** Most captures first. */
  flows: z.array(flowFriction),
});
export type OnboardingResponse = z.infer<typeof onboardingResponse>;

export const timelineDimensions = ['kind', 'tag'] as const;
export const TIMELINE_TOP_TAGS = 8;
export const OTHER_SERIES = 'other';

/** GET /insights/timeline. */
export const timelineQuery = feedFilter.extend({
  /** Default: days, or weeks for ranges longer than DAY_BUCKETS_MAX_DAYS. */
  bucket: single(bucketSize.optional()),
  by: single(z.enum(timelineDimensions).default('kind')),
});
export type TimelineQuery = z.input<typeof timelineQuery>;
export type ParsedTimelineQuery = z.output<typeof timelineQuery>;

export const timelineSeries = z.strictObject({
  /** A kind, a tag, or 'other' (every use of a tag outside the top TIMELINE_TOP_TAGS). */
  key: text(),
  counts: z.array(z.number().int().nonnegative()),
});

export const timelineResponse = z.strictObject({ ...rangeFields, series: z.array(timelineSeries) });
export type TimelineResponse = z.infer<typeof timelineResponse>;

export const topDimensions = ['page', 'customer', 'reporter'] as const;
export const topDimension = z.enum(topDimensions);
export type TopDimension = z.infer<typeof topDimension>;
export const TOP_DEFAULT_LIMIT = 10;
export const TOP_MAX_LIMIT = 50;

/** GET /insights/top. */
export const topQuery = feedFilter.extend({
  dimension: single(topDimension.default('page')),
  limit: limit(TOP_MAX_LIMIT, TOP_DEFAULT_LIMIT),
});
export type TopQuery = z.input<typeof topQuery>;
export type ParsedTopQuery = z.output<typeof topQuery>;

export const topItem = z.strictObject({
  /** page: the route key; customer: the name lower-cased; reporter: the user id. */
  key: text(),
  /** page: the latest page title; customer: the latest spelling; reporter: the name. */
  label: text(),
  count: z.number().int().nonnegative(),
  customers: z.number().int().nonnegative(),
});
export type TopItem = z.infer<typeof topItem>;

export const topResponse = z.strictObject({
  from: text(),
  to: text(),
  dimension: topDimension,
  items: z.array(topItem),
});
export type TopResponse = z.infer<typeof topResponse>;

export const exportFormats = ['csv', 'json'] as const;

/** GET /export/captures: every capture the filter matches, as an attachment. */
export const exportQuery = feedFilter.extend({
  sort: single(feedSort.default('newest')),
  format: single(z.enum(exportFormats).default('csv')),
});
export type ExportQuery = z.input<typeof exportQuery>;
export type ParsedExportQuery = z.output<typeof exportQuery>;

/** The CSV export's columns, in order. */
export const EXPORT_CSV_COLUMNS = [
  'id', 'createdAt', 'kind', 'status', 'priority', 'severity', 'category', 'assignee', 'reporter', 'customer',
  'tags', 'pageTitle', 'url', 'route', 'comment', 'quote', 'element', 'flow', 'step', 'commentsCount', 'notes',
  'duplicates', 'dashboardUrl',
] as const;

export const digestFormats = ['markdown', 'html'] as const;

/** GET /reports/digest: the feed filter, like every report, and the format. */
export const digestQuery = feedFilter.extend({
  format: single(z.enum(digestFormats).default('markdown')),
});
export type DigestQuery = z.input<typeof digestQuery>;
export type ParsedDigestQuery = z.output<typeof digestQuery>;

/**
 * The feed's query string for a hot spot: the filter it was computed with, narrowed to its route,
 * element and tag, over its range. What "open in the feed" links to.
 */
export function hotspotFeedQuery(
  hotspot: Pick<Hotspot, 'route' | 'element' | 'tag'>,
  range: { from: string; to: string },
  filter: Partial<FeedFilter> = {},
): string {
  return feedQueryString({
    ...filter,
    ...(hotspot.route === null ? {} : { route: hotspot.route }),
    ...(hotspot.element === null ? {} : { element: hotspot.element.key }),
    ...(hotspot.tag === null ? {} : { tag: [hotspot.tag] }),
    from: range.from,
    to: range.to,
  });
}

/**
 * "Friction" is one concept, the category `friction` (see shared/capture.ts `categoryOf`): the
 * filter narrowed to it, or null when the filter's own categories leave no friction to count.
 */
export function frictionOnly<F extends { category?: Category[] | undefined }>(filter: F): F | null {
  if (filter.category !== undefined && !filter.category.includes('friction')) return null;
  return { ...filter, category: ['friction'] };
}

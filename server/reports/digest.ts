import { frictionOnly, HOTSPOT_DEFAULT_GROUP_BY, hotspotFeedQuery } from '#shared/insights';
import { type FeedFilter, feedQueryString, type TriageStatus } from '#shared/review';
import type { InsightRange } from '../store/insights/range';
import type { Viewer } from '../store/review/feed-filter';
import type { Store } from '../store/store';
import type { DigestFriction, DigestReport } from './digest-model';

/** How many rows each list of the digest shows. */
const DIGEST_LIST_LIMIT = 10;
const DIGEST_RESOLVED_LIMIT = 20;
const OPEN_STATUSES: readonly TriageStatus[] = ['new', 'triaged', 'in_progress'];

export interface DigestContext {
  store: Store;
  viewer: Viewer;
  /** The feed filter the digest is about (its from/to are replaced by the range). */
  filter: FeedFilter;
  range: InsightRange;
  /** Where the dashboard is, for links. */
  origin: string;
  now: Date;
}

/** Everything the weekly report says, read from the store for the range. */
export async function buildDigest({ store, viewer, filter: asked, range, origin, now }: DigestContext): Promise<DigestReport> {
  const filter: FeedFilter = { ...asked, from: range.from, to: range.to };
  const undated: Partial<FeedFilter> = { ...asked, from: undefined, to: undefined };
  const feed = (query: string) => `${origin}/#/?${query}`;
  const frictionFilter = frictionOnly(filter);

  const [byKind, byTag, statuses, resolved, hotspots, flows, customers] = await Promise.all([
    store.insights.countBy(filter, viewer, 'kind'),
    store.insights.countBy(filter, viewer, 'tag'),
    store.insights.statusCounts(filter, viewer),
    store.insights.resolvedBetween(range, filter, viewer, DIGEST_RESOLVED_LIMIT),
    store.insights.hotspots({ filter, viewer, bucket: range.bucket, buckets: range.buckets, groupBy: HOTSPOT_DEFAULT_GROUP_BY, limit: DIGEST_LIST_LIMIT }),
    frictionFilter === null ? [] : store.insights.onboarding(frictionFilter, viewer),
    store.insights.top({ filter, viewer, dimension: 'customer', limit: DIGEST_LIST_LIMIT }),
  ]);

  const friction: DigestFriction[] = flows
    .flatMap((flow) => flow.steps.map((step) => ({ flow: flow.flow, ...step })))
    .sort((a, b) => b.count - a.count || b.customers - a.customers)
    .slice(0, DIGEST_LIST_LIMIT)
    .map(({ flow, step, count, customers: customerCount, severity }) => ({ flow, step, count, customers: customerCount, severity }));

  return {
    from: range.from,
    to: range.to,
    generatedAt: now.toISOString(),
    filter: feedQueryString(undated),
    feedLink: feed(feedQueryString(filter)),
    headline: {
      created: byKind.reduce((total, { count }) => total + count, 0),
      resolved: resolved.total,
      open: OPEN_STATUSES.map((status) => ({ status, count: statuses[status] })),
    },
    byKind,
    byTag: byTag.slice(0, DIGEST_LIST_LIMIT),
    hotspots: hotspots.map((spot) => ({
      route: spot.route,
      count: spot.count,
      customers: spot.customers,
      trend: spot.direction,
      link: feed(hotspotFeedQuery(spot, range, undated)),
    })),
    friction,
    resolved: resolved.items.map((item) => ({
      id: item.id,
      comment: item.comment,
      pageTitle: item.pageTitle,
      route: item.routeKey,
      resolvedAt: item.resolvedAt,
      link: `${origin}/#/captures/${encodeURIComponent(item.id)}`,
    })),
    topCustomers: customers.map((customer) => ({ key: customer.label, count: customer.count })),
  };
}

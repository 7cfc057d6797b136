import {
  HOTSPOT_DEFAULT_GROUP_BY,
  type HotspotsResponse,
  type OnboardingResponse,
  type TimelineResponse,
  type TopResponse,
  TREND_WORDS,
  type TrendDirection,
} from '#shared/insights';
import type { InsightsApi } from './api';
import { filterQuery } from './filters';
import { plural, worstStepSentence } from './onboarding';
import type { DateRange } from './range';

/** The digest's headline numbers, for a glance before opening or downloading it. */
export interface DigestPreview {
  total: number;
  byKind: { key: string; count: number }[];
  topHotspot: { route: string; count: number; customers: number; direction: TrendDirection } | null;
  worstStep: { flow: string; sentence: string } | null;
  topCustomer: { name: string; count: number } | null;
}

export function summarisePreview(
  timeline: TimelineResponse,
  hotspots: HotspotsResponse,
  onboarding: OnboardingResponse,
  customers: TopResponse,
): DigestPreview {
  const byKind = timeline.series
    .map((series) => ({ key: series.key, count: series.counts.reduce((sum, value) => sum + value, 0) }))
    .filter((series) => series.count > 0)
    .sort((a, b) => b.count - a.count);
  const hottest = hotspots.hotspots[0];
  // Flows come most captures first; the worst step of the flow that hurts most leads.
  const flow = onboarding.flows.find((candidate) => candidate.worstStep !== null);
  const step = flow?.steps.find((candidate) => candidate.step === flow.worstStep);
  const customer = customers.items[0];
  return {
    total: byKind.reduce((sum, series) => sum + series.count, 0),
    byKind,
    topHotspot: hottest
      ? { route: hottest.route ?? '(any page)', count: hottest.count, customers: hottest.customers, direction: hottest.direction }
      : null,
    worstStep: flow && step ? { flow: flow.flow, sentence: worstStepSentence(step) } : null,
    topCustomer: customer ? { name: customer.label.trim() || customer.key, count: customer.count } : null,
  };
}

/** The feed filter's captures in the range, as the digest counts them. */
export async function loadPreview(api: InsightsApi, range: DateRange, params: URLSearchParams, signal: AbortSignal): Promise<DigestPreview> {
  const filter = filterQuery(params);
  const [timeline, hotspots, onboarding, customers] = await Promise.all([
    api.timeline(filter, range, { by: 'kind' }, signal),
    api.hotspots(filter, range, { groupBy: HOTSPOT_DEFAULT_GROUP_BY, limit: 1 }, signal),
    onboardingFriction(api, filter, range, signal),
    api.top(filter, range, { dimension: 'customer', limit: 1 }, signal),
  ]);
  return summarisePreview(timeline, hotspots, onboarding, customers);
}

// The kind `friction` is the text-only capture; "friction" the reader knows is the category.
const KIND_WORDS: Readonly<Record<string, readonly [one: string, many: string]>> = {
  screenshot: ['screenshot', 'screenshots'],
  clip: ['clip', 'clips'],
  friction: ['text-only', 'text-only'],
};

function kindWord(kind: string, count: number): string {
  const words = KIND_WORDS[kind];
  if (words === undefined) return kind;
  return count === 1 ? words[0] : words[1];
}

export function describeKinds(preview: DigestPreview): string {
  if (preview.byKind.length === 0) return 'none';
  return preview.byKind.map((series) => `${series.count} ${kindWord(series.key, series.count)}`).join(', ');
}

export function describeTotal(preview: DigestPreview): string {
  return plural(preview.total, 'capture', 'captures');
}

/** Onboarding over the filter narrowed to friction (the category), as the digest's friction section counts it. */
async function onboardingFriction(api: InsightsApi, filter: URLSearchParams, range: DateRange, signal: AbortSignal): Promise<OnboardingResponse> {
  const categories = filter.getAll('category').flatMap((value) => value.split(',')).filter((value) => value !== '');
  if (categories.length > 0 && !categories.includes('friction')) return { from: range.from, to: range.to, flows: [] };
  const narrowed = new URLSearchParams(filter);
  narrowed.set('category', 'friction');
  return api.onboarding(narrowed, range, signal);
}

/** `app.example.com/billing: 12 captures from 5 customers, ↑ rising`: the digest's first hot spot, in its words. */
export function describeTopHotspot(preview: DigestPreview): string {
  const spot = preview.topHotspot;
  if (spot === null) return 'None';
  const customers = spot.customers > 0 ? ` from ${plural(spot.customers, 'customer', 'customers')}` : '';
  return `${spot.route}: ${plural(spot.count, 'capture', 'captures')}${customers}, ${TREND_WORDS[spot.direction]}`;
}

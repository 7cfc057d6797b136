import type { HotspotsResponse, OnboardingResponse, TimelineResponse, TopResponse } from '#shared/insights';
import type { InsightsApi } from './api';
import { plural, worstStepSentence } from './onboarding';
import type { DateRange } from './range';

/** The digest's headline numbers, for a glance before opening or downloading it. */
export interface DigestPreview {
  total: number;
  byKind: { key: string; count: number }[];
  topHotspot: { route: string; count: number; customers: number } | null;
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
    topHotspot: hottest ? { route: hottest.route ?? '(any page)', count: hottest.count, customers: hottest.customers } : null,
    worstStep: flow && step ? { flow: flow.flow, sentence: worstStepSentence(step) } : null,
    topCustomer: customer ? { name: customer.label.trim() || customer.key, count: customer.count } : null,
  };
}

/** Everything in the range (the digest covers the whole workspace, whatever the feed's filter). */
export async function loadPreview(api: InsightsApi, range: DateRange, signal: AbortSignal): Promise<DigestPreview> {
  const none = new URLSearchParams();
  const [timeline, hotspots, onboarding, customers] = await Promise.all([
    api.timeline(none, range, { by: 'kind' }, signal),
    api.hotspots(none, range, { groupBy: ['route'], limit: 1 }, signal),
    api.onboarding(new URLSearchParams({ kind: 'friction' }), range, signal),
    api.top(none, range, { dimension: 'customer', limit: 1 }, signal),
  ]);
  return summarisePreview(timeline, hotspots, onboarding, customers);
}

export function describeKinds(preview: DigestPreview): string {
  if (preview.byKind.length === 0) return 'none';
  return preview.byKind.map((series) => `${series.count} ${series.key}`).join(', ');
}

export function describeTotal(preview: DigestPreview): string {
  return plural(preview.total, 'capture', 'captures');
}

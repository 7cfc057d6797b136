import type { TimelineResponse } from '#shared/insights';

/** What a chart needs of a timeline answer. */
export type Timeline = Pick<TimelineResponse, 'buckets' | 'series'>;
import { plural } from './onboarding';

const bucketFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "15 Nov" for a bucket's start (UTC); the raw key when it is not a date. */
export function bucketLabel(bucket: string): string {
  const time = Date.parse(bucket.length === 10 ? `${bucket}T00:00:00Z` : bucket);
  return Number.isNaN(time) ? bucket : bucketFormat.format(new Date(time));
}

/** Seconds since the epoch for each bucket, or null when any bucket is not a date. */
export function bucketTimes(buckets: readonly string[]): number[] | null {
  const times = buckets.map((bucket) => Date.parse(bucket.length === 10 ? `${bucket}T00:00:00Z` : bucket) / 1000);
  return times.some((time) => Number.isNaN(time)) ? null : times;
}

export interface SeriesTotal {
  key: string;
  total: number;
  peak: number;
  peakBucket: string | null;
}

/** Each series' total and busiest bucket, largest total first. */
export function seriesTotals(timeline: Timeline): SeriesTotal[] {
  return timeline.series
    .map((series) => {
      let peak = 0;
      let peakBucket: string | null = null;
      series.counts.forEach((count, index) => {
        if (count > peak) {
          peak = count;
          peakBucket = timeline.buckets[index] ?? null;
        }
      });
      return { key: series.key, total: series.counts.reduce((sum, count) => sum + count, 0), peak, peakBucket };
    })
    .sort((a, b) => b.total - a.total);
}

/** The chart in a sentence or two, for people who would rather read (and screen readers). */
export function describeTimeline(timeline: Timeline, unit: 'day' | 'week'): string {
  const totals = seriesTotals(timeline).filter((series) => series.total > 0);
  if (totals.length === 0) return `No captures in these ${plural(timeline.buckets.length, unit, `${unit}s`)}.`;
  const all = totals.reduce((sum, series) => sum + series.total, 0);
  const parts = totals.map((series) => {
    const peak = series.peakBucket ? `, busiest ${unit} ${bucketLabel(series.peakBucket)} with ${series.peak}` : '';
    return `${series.key}: ${series.total}${peak}`;
  });
  return `${plural(all, 'capture', 'captures')} over ${plural(timeline.buckets.length, unit, `${unit}s`)}. ${parts.join('; ')}.`;
}

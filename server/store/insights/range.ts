import { BUCKETS_MAX, type BucketSize, DAY_BUCKETS_MAX_DAYS } from '#shared/insights';
import type { FeedFilter } from '#shared/review';
import { feedTimeRange } from '../review/feed-filter';

const DAY_MS = 86_400_000;

/** The instants a chart covers (ISO, UTC, both inclusive) and its buckets. */
export interface InsightRange {
  from: string;
  to: string;
  bucket: BucketSize;
  /** Each bucket's first day, oldest first. */
  buckets: string[];
}

export type RangeResult = { ok: true; range: InsightRange } | { ok: false; field: 'from' | 'to' | 'bucket'; message: string };


/** The UTC day an ISO instant falls on: `2026-11-22`. */
export function dayOf(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}

/** The first day (a Monday, UTC) of the ISO week a day falls in. */
export function weekOf(day: string): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - sinceMonday * DAY_MS).toISOString().slice(0, 10);
}

export function bucketOf(day: string, size: BucketSize): string {
  return size === 'day' ? day : weekOf(day);
}

/** Every bucket from the one holding `from` to the one holding `to`, oldest first. */
export function bucketsBetween(from: string, to: string, size: BucketSize): string[] {
  const step = size === 'day' ? DAY_MS : 7 * DAY_MS;
  const last = Date.parse(`${bucketOf(dayOf(to), size)}T00:00:00.000Z`);
  const buckets: string[] = [];
  for (let at = Date.parse(`${bucketOf(dayOf(from), size)}T00:00:00.000Z`); at <= last; at += step) {
    buckets.push(new Date(at).toISOString().slice(0, 10));
  }
  return buckets;
}

/**
 * The range a filter asks for, with defaults: up to `now`, `defaultDays` long. Days unless the
 * caller asked otherwise or the range is longer than DAY_BUCKETS_MAX_DAYS.
 */
export function resolveRange(
  filter: Pick<FeedFilter, 'from' | 'to'>,
  now: Date,
  defaultDays: number,
  bucket?: BucketSize,
): RangeResult {
  // The feed's own reading of from/to (a date `to` includes its whole day), as inclusive instants.
  const bounds = feedTimeRange(filter);
  const to = bounds.until === undefined ? now.toISOString() : new Date(Date.parse(bounds.until) - 1).toISOString();
  const from = bounds.from ?? new Date(Date.parse(to) - defaultDays * DAY_MS).toISOString();
  if (from > to) return { ok: false, field: 'from', message: 'must not be after to' };
  const size = bucket ?? (Date.parse(to) - Date.parse(from) > DAY_BUCKETS_MAX_DAYS * DAY_MS ? 'week' : 'day');
  const step = size === 'day' ? DAY_MS : 7 * DAY_MS;
  if ((Date.parse(to) - Date.parse(from)) / step > BUCKETS_MAX) {
    return {
      ok: false,
      field: bucket === undefined ? 'from' : 'bucket',
      message: `the range would need more than ${BUCKETS_MAX} ${size} buckets; shorten it${size === 'day' ? ' or use bucket=week' : ''}`,
    };
  }
  return { ok: true, range: { from, to, bucket: size, buckets: bucketsBetween(from, to, size) } };
}

/** The filter with its range spelt out, so the store and the feed link agree on it. */
export function withRange<F extends Pick<FeedFilter, 'from' | 'to'>>(filter: F, range: Pick<InsightRange, 'from' | 'to'>): F {
  return { ...filter, from: range.from, to: range.to };
}

/** Each bucket as [first day, first day of the next bucket): bounds to compare created_at (ISO text) with. */
export function bucketBounds(size: BucketSize, buckets: readonly string[]): [string, string][] {
  const step = size === 'day' ? DAY_MS : 7 * DAY_MS;
  return buckets.map((start) => [start, new Date(Date.parse(`${start}T00:00:00.000Z`) + step).toISOString().slice(0, 10)]);
}

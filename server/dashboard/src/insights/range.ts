/**
 * The date range of the insights and reports pages. It lives in the hash query as `from`/`to`
 * (ISO dates, UTC, `to` inclusive — the feed filter's own meaning), so a view shared as a link
 * shows the same days to everyone. Without them the range is the last 30 days, as on the server.
 */

export const RANGE_PRESETS = [7, 30, 90] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const DEFAULT_PRESET: RangePreset = 30;

export interface DateRange {
  /** First day, `YYYY-MM-DD` (or a datetime, when someone put one in the URL). */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

export type RangeChoice = RangePreset | 'custom';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** `YYYY-MM-DD` of an instant, in UTC (the server's day boundaries). */
export function utcDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && utcDate(parsed) === value;
}

function isIsoDateOrDateTime(value: string): boolean {
  return isIsoDate(value) || (value.length > 10 && isIsoDate(value.slice(0, 10)) && !Number.isNaN(Date.parse(value)));
}

/** The last `days` days up to and including today (UTC). */
export function presetRange(days: number, now: Date): DateRange {
  return { from: utcDate(new Date(now.getTime() - (days - 1) * DAY_MS)), to: utcDate(now) };
}

/** The range the URL asks for (each end falls back to the default preset's) and which picker choice it is. */
export function rangeFromParams(params: URLSearchParams, now: Date): { range: DateRange; choice: RangeChoice } {
  const fallback = presetRange(DEFAULT_PRESET, now);
  const from = params.get('from');
  const to = params.get('to');
  const range: DateRange = {
    from: from !== null && isIsoDateOrDateTime(from) ? from : fallback.from,
    to: to !== null && isIsoDateOrDateTime(to) ? to : fallback.to,
  };
  const preset = RANGE_PRESETS.find((days) => {
    const candidate = presetRange(days, now);
    return candidate.from === range.from && candidate.to === range.to;
  });
  return { range, choice: preset ?? 'custom' };
}

/** A copy of `params` with the range set (other filters kept). */
export function withRange(params: URLSearchParams, range: DateRange): URLSearchParams {
  const next = new URLSearchParams(params);
  next.set('from', range.from);
  next.set('to', range.to);
  return next;
}

/** Why a custom range cannot be used, or null when it can. */
export function checkRange(range: DateRange): string | null {
  if (!isIsoDate(range.from)) return 'Enter the first day as a date.';
  if (!isIsoDate(range.to)) return 'Enter the last day as a date.';
  if (range.from > range.to) return 'The first day must not be after the last day.';
  return null;
}

const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "15 Nov 2026 – 21 Nov 2026" (UTC days, as the server counts them). */
export function describeRange(range: DateRange): string {
  const show = (value: string) => {
    const date = new Date(isIsoDate(value) ? `${value}T00:00:00Z` : value);
    return Number.isNaN(date.getTime()) ? value : dayFormat.format(date);
  };
  return `${show(range.from)} – ${show(range.to)}`;
}

export function presetLabel(days: RangePreset): string {
  return `Last ${days} days`;
}

import type { CaptureKind, Category, Severity } from '#shared/capture';
import type { FeedSort, Priority, TriageStatus } from '#shared/review';

export const KIND_LABELS: Readonly<Record<CaptureKind, string>> = {
  screenshot: 'Screenshot',
  clip: 'Clip',
  friction: 'Friction',
};

export const CATEGORY_LABELS: Readonly<Record<Category, string>> = {
  bug: 'Bug',
  friction: 'Friction',
  request: 'Request',
  question: 'Question',
  praise: 'Praise',
};

export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

/** "Onboarding › Invite teammates", or just the flow's name. */
export function flowLabel(flow: { name: string; step?: string | undefined }): string {
  return flow.step === undefined ? flow.name : `${flow.name} › ${flow.step}`;
}

function toDate(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

const absoluteFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'long' });

/** "22 Nov 2025, 13:05" in the viewer's locale and time zone; the raw text if it is not a date. */
export function formatDateTime(iso: string): string {
  const date = toDate(iso);
  return date ? absoluteFormat.format(date) : iso;
}

/** The long form, for tooltips. */
export function formatFullDateTime(iso: string): string {
  const date = toDate(iso);
  return date ? fullFormat.format(date) : iso;
}

const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const UNITS: ReadonlyArray<readonly [Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 minutes ago", "yesterday", "just now"; the absolute form for anything over a week old. */
export function formatRelative(iso: string, now: Date = new Date()): string {
  const date = toDate(iso);
  if (!date) return iso;
  const seconds = (date.getTime() - now.getTime()) / 1000;
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  if (abs >= 7 * 24 * 3600) return absoluteFormat.format(date);
  for (const [unit, size] of UNITS) {
    if (abs >= size) return relativeFormat.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A capture's human title: the page title, or its URL when the page had none. */
export function pageLabel(page: { title: string; url: string }): string {
  return page.title.trim() || page.url;
}

export const STATUS_LABELS: Readonly<Record<TriageStatus, string>> = {
  new: 'New',
  triaged: 'Triaged',
  in_progress: 'In progress',
  resolved: 'Resolved',
  wont_fix: 'Won’t fix',
  duplicate: 'Duplicate',
};

export const PRIORITY_LABELS: Readonly<Record<Priority, string>> = {
  urgent: 'Urgent',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

export const SORT_LABELS: Readonly<Record<FeedSort, string>> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  severity: 'Most severe first',
};

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

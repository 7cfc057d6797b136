import type { SeverityCounts, TrendDirection } from '#shared/insights';
import type { TriageStatus } from '#shared/review';

/** Whether a hot spot grew over the range: shared/insights.ts `trendOf`, as Insights and Reports say it. */
export type Trend = TrendDirection;

export interface DigestCount {
  key: string;
  count: number;
}

export interface DigestHotspot {
  /** The page (route key): a hot spot is a page, as in Insights and Reports. */
  route: string | null;
  count: number;
  customers: number;
  trend: Trend;
  /** The feed, filtered to this hot spot and the range. */
  link: string;
}

export interface DigestFriction {
  flow: string;
  step: string;
  count: number;
  customers: number;
  severity: SeverityCounts;
}

export interface DigestResolved {
  id: string;
  comment: string;
  pageTitle: string;
  route: string;
  resolvedAt: string;
  link: string;
}

/**
 * Everything the weekly report says, computed once (digest.ts) and written out as Markdown or
 * HTML. Every string that came from a capture is untrusted: the writers escape it.
 */
export interface DigestReport {
  from: string;
  to: string;
  generatedAt: string;
  /** The feed filter it covers, as a query string without from/to; empty for every capture. */
  filter: string;
  /** The dashboard's feed over the range. */
  feedLink: string;
  headline: {
    /** Captures made in the range. */
    created: number;
    /** Captures whose status became resolved in the range. */
    resolved: number;
    /** Right now, by status, for the statuses still needing work. */
    open: { status: TriageStatus; count: number }[];
  };
  byKind: DigestCount[];
  byTag: DigestCount[];
  hotspots: DigestHotspot[];
  /** Worst first. */
  friction: DigestFriction[];
  resolved: DigestResolved[];
  topCustomers: DigestCount[];
}

export const STATUS_LABELS: Readonly<Record<TriageStatus, string>> = {
  new: 'new',
  triaged: 'triaged',
  in_progress: 'in progress',
  resolved: 'resolved',
  wont_fix: "won't fix",
  duplicate: 'duplicate',
};


/** `2026-11-22 09:05 UTC`: reports are read by people in different time zones. */
export function utcMinute(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** `2026-11-15 – 2026-11-22`. */
export function rangeLabel(report: Pick<DigestReport, 'from' | 'to'>): string {
  return `${report.from.slice(0, 10)} – ${report.to.slice(0, 10)}`;
}

/** Where a hot spot is, in words: its page. */
export function hotspotPlace(hotspot: Pick<DigestHotspot, 'route'>): string {
  return hotspot.route ?? 'any page';
}

/** A comment cut to a readable length for a list. */
export function excerpt(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return '(no comment)';
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** `tag=checkout&customer=Globex` as people read it: `tag: checkout · customer: Globex`. */
export function filterLabel(query: string): string {
  return [...new URLSearchParams(query)].map(([key, value]) => `${key}: ${value}`).join(' · ');
}

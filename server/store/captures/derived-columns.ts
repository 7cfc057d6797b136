import { elementLocator, type Severity, severity as severitySchema } from '#shared/capture';
import { elementKey, type LocatorLike, routeKey, routeKeyOf } from '#shared/route-key';
import { customerKey } from './customer-key';
import { storedPathSegments } from '../review/path-glob';
import type { CapturesTable } from './schema';

/** The severity sort pages by this, highest first; no severity sorts last. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { critical: 4, high: 3, medium: 2, low: 1 };

export function severityRank(severity: string | null | undefined): number {
  const parsed = severitySchema.safeParse(severity);
  return parsed.success ? SEVERITY_RANK[parsed.data] : 0;
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

export type DerivedColumns = Pick<CapturesTable, 'route_key' | 'element_key' | 'site' | 'path_segments' | 'customer_key' | 'severity_rank'>;

/**
 * Columns computed from a capture's own fields, so the feed can filter and group by them with an
 * index: written at insert and backfilled by the migration that added them, by this one function.
 */
export function derivedCaptureColumns(capture: {
  page_url: string;
  element: LocatorLike | null;
  customer: string | null;
  severity: string | null;
}): DerivedColumns {
  // Parsed once: this runs for every capture POST.
  const url = parseUrl(capture.page_url);
  return {
    route_key: url === null ? routeKey(capture.page_url) : routeKeyOf(url),
    element_key: elementKey(capture.element),
    site: url?.host.toLowerCase() ?? '',
    path_segments: JSON.stringify(storedPathSegments(url?.pathname ?? '/')),
    customer_key: capture.customer === null ? null : customerKey(capture.customer),
    severity_rank: severityRank(capture.severity),
  };
}

/** A stored locator (JSON text) read back for the backfill; null when absent or unreadable. */
export function storedLocator(element: string | null): LocatorLike | null {
  if (element === null) return null;
  try {
    const parsed = elementLocator.safeParse(JSON.parse(element));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

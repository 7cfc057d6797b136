import { z } from 'zod';
import { consoleError, DIAGNOSTIC_ENTRIES_MAX, failedRequest, type Diagnostics } from '#shared/capture';
import { DIAGNOSTICS_WINDOW_MS } from './diagnostics-collector';

/** The collector's answer, as JSON text: 2 × 30 entries of a few kilobytes at most. */
export const DIAGNOSTICS_JSON_MAX = 400_000;

/**
 * Runs through `scripting.executeScript` and calls the collector's reader (see
 * diagnostics-collector.ts): in Chrome in the page's world, in Firefox from the content-script
 * world through its view of the page (`wrappedJSObject`). Self-contained; only syntax, no method
 * a page could have replaced, between the call and the reader.
 */
export function readCollectorAnswer(): unknown {
  const view: unknown = (window as { wrappedJSObject?: unknown }).wrappedJSObject ?? window;
  const read: unknown = typeof view === 'object' && view !== null ? (view as { __snagDiagnostics?: unknown }).__snagDiagnostics : undefined;
  if (typeof read !== 'function') return null;
  const answer: unknown = read();
  return typeof answer === 'string' ? answer : null;
}

const answer = z.object({
  consoleErrors: z.array(z.unknown()).max(DIAGNOSTIC_ENTRIES_MAX * 4),
  failedRequests: z.array(z.unknown()).max(DIAGNOSTIC_ENTRIES_MAX * 4),
});

/** The entries of `list` that validate and are recent, newest last, at most as many as the wire format takes. */
function recent<T extends { at: string }>(list: readonly unknown[], schema: z.ZodType<T>, since: number, until: number): T[] {
  return list
    .flatMap((entry) => {
      const parsed = schema.safeParse(entry);
      if (!parsed.success) return [];
      const at = Date.parse(parsed.data.at);
      return at >= since && at <= until ? [parsed.data] : [];
    })
    .slice(-DIAGNOSTIC_ENTRIES_MAX);
}

/**
 * What the page's collector answered, checked entry by entry: the page could have changed it, so
 * anything malformed, too large, from the future or too old is dropped rather than failing the
 * capture. Undefined when there is no answer (no collector, or diagnostics are off for the site).
 */
export function diagnosticsFromPage(json: unknown, now: number): Diagnostics | undefined {
  if (typeof json !== 'string' || json.length > DIAGNOSTICS_JSON_MAX) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return undefined;
  }
  const parsed = answer.safeParse(raw);
  if (!parsed.success) return undefined;
  const since = now - DIAGNOSTICS_WINDOW_MS;
  // A minute of clock skew between the page's clock and ours, no more.
  const until = now + 60_000;
  return {
    consoleErrors: recent(parsed.data.consoleErrors, consoleError, since, until),
    failedRequests: recent(parsed.data.failedRequests, failedRequest, since, until),
  };
}

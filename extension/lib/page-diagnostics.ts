import { z } from 'zod';
import { consoleError, DIAGNOSTIC_ENTRIES_MAX, failedRequest, type Diagnostics } from '#shared/capture';
import { DIAGNOSTICS_WINDOW_MS } from './diagnostics-collector';

const answer = z.object({ consoleErrors: z.array(z.unknown()), failedRequests: z.array(z.unknown()) });

/** The entries of `list` that validate and are recent, newest last, at most as many as the wire format takes. */
function recent<T extends { at: string }>(list: readonly unknown[], schema: z.ZodType<T>, since: number): T[] {
  return list
    .flatMap((entry) => {
      const parsed = schema.safeParse(entry);
      return parsed.success && Date.parse(parsed.data.at) >= since ? [parsed.data] : [];
    })
    .slice(-DIAGNOSTIC_ENTRIES_MAX);
}

/**
 * What the page's collector answered (see `diagnostics-collector.ts`), checked entry by entry: the
 * page could have changed it, so anything malformed is dropped rather than failing the capture.
 * Undefined when the page has no collector (diagnostics are off for the site).
 */
export function diagnosticsFromPage(json: string | undefined, now: number): Diagnostics | undefined {
  if (json === undefined) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return undefined;
  }
  const parsed = answer.safeParse(raw);
  if (!parsed.success) return undefined;
  const since = now - DIAGNOSTICS_WINDOW_MS;
  return {
    consoleErrors: recent(parsed.data.consoleErrors, consoleError, since),
    failedRequests: recent(parsed.data.failedRequests, failedRequest, since),
  };
}

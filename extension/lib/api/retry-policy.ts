// When to try again, and how long to wait for an answer. Pure functions: the clock and the dice
// belong to the caller, so tests decide both.

export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_MAX_MS = 60 * 60_000;
/** However long a server asks us to wait (Retry-After), we try again within a day. */
export const RETRY_AFTER_MAX_MS = 24 * 60 * 60_000;

/**
 * The wait after the nth failed attempt: 30 s, 1 min, 2 min, … up to an hour, of which a random
 * half is taken off. The jitter spreads out clients that failed together (a server restart), so
 * they don't all come back in the same second.
 */
export function backoffMs(attempts: number, random: () => number): number {
  const ceiling = Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS);
  const dice = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + (ceiling / 2) * dice);
}

/** How long to honour a Retry-After, bounded so a confused server cannot park captures forever. */
export function retryAfterWaitMs(retryAfterMs: number): number {
  return Math.min(Math.max(0, retryAfterMs), RETRY_AFTER_MAX_MS);
}

/** Time for the server to answer at all, on top of the transfer. */
export const REQUEST_TIMEOUT_BASE_MS = 15_000;
/** The slowest link we still wait for (512 kbit/s: hotel Wi-Fi, a train). */
export const SLOWEST_UPLOAD_BYTES_PER_S = 64 * 1024;

/** A request's timeout grows with its body, so a large screenshot on a slow link is not cut short. */
export function requestTimeoutMs(bodyBytes: number): number {
  return REQUEST_TIMEOUT_BASE_MS + Math.ceil((Math.max(0, bodyBytes) / SLOWEST_UPLOAD_BYTES_PER_S) * 1000);
}

/** Records are small (a few KB); their lease assumes the largest plausible one. */
export const RECORD_BYTES_BOUND = 64 * 1024;
/** A lease outlives the request it covers by this much, so a live run never loses its entry. */
export const LEASE_MARGIN_MS = 10_000;

/**
 * How long a run holds an entry while one request of `bodyBytes` is under way. If the run dies
 * (service worker stopped, browser closed), the entry is due again this long after it was taken.
 */
export function leaseMs(bodyBytes: number): number {
  return requestTimeoutMs(bodyBytes) + LEASE_MARGIN_MS;
}

/**
 * `createHttp` reports a 429 as an ApiError without its headers; sign-in wants to say how long to
 * wait. This wraps `fetch` to remember the last answer's Retry-After, in seconds.
 */
export interface RetryAfterRecorder {
  fetch: typeof fetch;
  /** Seconds the last 429 asked to wait, or null (no 429, or no usable header). */
  lastRetryAfterSeconds(): number | null;
}

export function recordRetryAfter(base: typeof fetch = (input, init) => globalThis.fetch(input, init)): RetryAfterRecorder {
  let last: number | null = null;
  return {
    fetch: async (input, init) => {
      const response = await base(input, init);
      last = response.status === 429 ? parseRetryAfterSeconds(response.headers.get('Retry-After'), Date.now()) : null;
      return response;
    },
    lastRetryAfterSeconds: () => last,
  };
}

/** Retry-After is delay-seconds or an HTTP date. */
export function parseRetryAfterSeconds(header: string | null, now: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text);
  if (!/^[a-z]{3}, /i.test(text)) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** "30 seconds", "2 minutes", "1 hour": rounded up, so nobody retries a moment too early. */
export function formatWait(seconds: number): string {
  if (seconds < 60) {
    const whole = Math.max(1, Math.ceil(seconds));
    return `${whole} second${whole === 1 ? '' : 's'}`;
  }
  if (seconds < 3600) {
    const minutes = Math.ceil(seconds / 60);
    return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  }
  const hours = Math.ceil(seconds / 3600);
  return `${hours} hour${hours === 1 ? '' : 's'}`;
}

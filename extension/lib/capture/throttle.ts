/** Time, behind an interface so tests run a fake one. */
export interface Clock {
  /** Epoch ms. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Chrome refuses a third `captureVisibleTab` within a second (MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND
 * is 2). Half a second apart, plus a margin for timer slack, keeps any second at two.
 */
export const CAPTURE_INTERVAL_MS = 550;

const isQuotaError = (error: unknown) =>
  error instanceof Error && error.message.includes('MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND');

/**
 * Spaces calls to `capture` at least `interval` apart. A call refused for the quota anyway (another
 * extension captured too) is tried once more, a second later.
 */
export function captureThrottle(clock: Clock, interval = CAPTURE_INTERVAL_MS) {
  let last = Number.NEGATIVE_INFINITY;
  const spaced = async <T>(capture: () => Promise<T>): Promise<T> => {
    const wait = last + interval - clock.now();
    if (wait > 0) await clock.sleep(wait);
    last = clock.now();
    return capture();
  };
  return async <T>(capture: () => Promise<T>): Promise<T> => {
    try {
      return await spaced(capture);
    } catch (error) {
      if (!isQuotaError(error)) throw error;
      await clock.sleep(1000);
      return spaced(capture);
    }
  };
}

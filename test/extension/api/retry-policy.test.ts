import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BACKOFF_BASE_MS,
  BACKOFF_MAX_MS,
  backoffMs,
  LEASE_MARGIN_MS,
  leaseMs,
  REQUEST_TIMEOUT_BASE_MS,
  requestTimeoutMs,
  RETRY_AFTER_MAX_MS,
  retryAfterWaitMs,
} from '@/lib/api/retry-policy';

describe('backoffMs', () => {
  it('doubles with each attempt up to an hour, the dice taking off up to half', () => {
    expect([1, 2, 3, 4].map((attempts) => backoffMs(attempts, () => 1))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect([1, 2, 3, 4].map((attempts) => backoffMs(attempts, () => 0))).toEqual([15_000, 30_000, 60_000, 120_000]);
    expect(backoffMs(50, () => 1)).toBe(BACKOFF_MAX_MS);
    expect(backoffMs(0, () => 1)).toBe(BACKOFF_BASE_MS);
  });

  it('stays between half and all of the ceiling whatever the dice say, and grows with the attempts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.double({ min: -1, max: 2, noNaN: true }), (attempts, dice) => {
        const ceiling = Math.min(BACKOFF_BASE_MS * 2 ** (attempts - 1), BACKOFF_MAX_MS);
        const wait = backoffMs(attempts, () => dice);
        expect(wait).toBeGreaterThanOrEqual(ceiling / 2);
        expect(wait).toBeLessThanOrEqual(ceiling);
        expect(backoffMs(attempts + 1, () => dice)).toBeGreaterThanOrEqual(wait);
      }),
    );
  });

  it('spreads clients that failed together', () => {
    const waits = new Set([0.1, 0.3, 0.5, 0.7, 0.9].map((dice) => backoffMs(3, () => dice)));
    expect(waits.size).toBe(5);
  });
});

describe('retryAfterWaitMs', () => {
  it('honours what the server asked, within a day', () => {
    expect(retryAfterWaitMs(120_000)).toBe(120_000);
    expect(retryAfterWaitMs(-5)).toBe(0);
    expect(retryAfterWaitMs(10 * RETRY_AFTER_MAX_MS)).toBe(RETRY_AFTER_MAX_MS);
  });
});

describe('requestTimeoutMs and leaseMs', () => {
  it('allow for the transfer at 64 KB/s on top of the time to answer', () => {
    expect(requestTimeoutMs(0)).toBe(REQUEST_TIMEOUT_BASE_MS);
    expect(requestTimeoutMs(64 * 1024)).toBe(REQUEST_TIMEOUT_BASE_MS + 1000);
    expect(requestTimeoutMs(15 * 1024 * 1024)).toBe(REQUEST_TIMEOUT_BASE_MS + 240_000);
  });

  it('a lease outlives its request', () => {
    fc.assert(
      fc.property(fc.nat(20 * 1024 * 1024), (bytes) => {
        expect(leaseMs(bytes)).toBe(requestTimeoutMs(bytes) + LEASE_MARGIN_MS);
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { Store } from '../../server/store/store';

const T0 = '2030-01-01T10:00:00.000Z';
const later = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const WINDOW_MS = 15 * 60_000;

/** The accounts store's token buckets; run inside describeAccountConformance on both databases. */
export function describeThrottleConformance(current: () => Store): void {
  describe('throttles', () => {
    const take = (key: string, at = T0, capacity = 5) => current().accounts.takeThrottle({ key, capacity, windowMs: WINDOW_MS, at });

    it('grants exactly the capacity to concurrent takes, then says when the next token comes', async () => {
      const results = await Promise.all(Array.from({ length: 40 }, () => take('signin-email:ann@example.com')));
      expect(results.filter((result) => result.ok)).toHaveLength(5);
      const refusals = results.filter((result) => !result.ok);
      expect(refusals).toHaveLength(35);
      // One token comes back every 3 minutes (5 per 15).
      expect(refusals[0]).toEqual({ ok: false, retryAfterSeconds: 180 });
    });

    it('keeps keys apart', async () => {
      for (let i = 0; i < 5; i++) expect(await take('a')).toEqual({ ok: true });
      expect((await take('a')).ok).toBe(false);
      expect(await take('b')).toEqual({ ok: true });
    });

    it('refills with time, never past capacity, and not when the clock steps back', async () => {
      for (let i = 0; i < 5; i++) await take('a');
      expect((await take('a', later(-60))).ok).toBe(false);
      expect(await take('a', later(3))).toEqual({ ok: true });
      expect((await take('a', later(3))).ok).toBe(false);
      const afterAnHour = await Promise.all(Array.from({ length: 8 }, () => take('a', later(60))));
      expect(afterAnHour.filter((result) => result.ok)).toHaveLength(5);
    });

    it('refunds one token up to capacity, resets a key, and sweeps idle keys', async () => {
      for (let i = 0; i < 5; i++) await take('a');
      await current().accounts.refundThrottle('a', 5);
      expect(await take('a')).toEqual({ ok: true });
      expect((await take('a')).ok).toBe(false);
      await current().accounts.resetThrottle('a');
      const fresh = await Promise.all(Array.from({ length: 6 }, () => take('a')));
      expect(fresh.filter((result) => result.ok)).toHaveLength(5);

      await current().accounts.refundThrottle('b', 5);
      await take('b', later(30));
      expect(await current().accounts.deleteIdleThrottles(later(20))).toBe(1);
      expect((await take('b', later(30))).ok).toBe(true);
    });
  });
}

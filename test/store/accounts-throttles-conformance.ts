import { describe, expect, it } from 'vitest';
import { captureInput } from '#shared/capture';
import { canonicalHash } from '../../server/canonical-json';
import type { Store } from '../../server/store/store';
import { sampleCaptureInput } from '../server/helpers';

const T0 = '2030-01-01T10:00:00.000Z';
const later = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const WINDOW_MS = 15 * 60_000;

/** The accounts store's token buckets and per-person caps; run inside describeAccountConformance on both databases. */
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
  describe('per-person caps', () => {
    async function person() {
      const created = await current().accounts.createUser({ name: 'Gus', email: null, role: 'guest', passwordHash: null, at: T0 });
      if (!created.ok) throw new Error(created.reason);
      return created.user;
    }
    const token = (userId: string, n: number) => ({ userId, name: `t${n}`, scope: 'full' as const, tokenHash: `hash-${userId}-${n}`, at: T0 });

    it('creates tokens up to the cap and no further, even when the asks race', async () => {
      const gus = await person();
      const results = await Promise.all(Array.from({ length: 12 }, (_, n) => current().accounts.createTokenWithin(token(gus.id, n), 5)));
      expect(results.filter((result) => result.ok)).toHaveLength(5);
      expect(results.find((result) => !result.ok)).toEqual({ ok: false, held: 5 });
      expect(await current().accounts.heldTokens(gus.id, T0)).toBe(5);
    });

    it('approves pairings only while the person is under the cap, even when approvals race', async () => {
      const gus = await person();
      await current().accounts.createToken(token(gus.id, 0));
      const codes = ['BCDFGHJK', 'BCDFGHJM', 'BCDFGHJN', 'BCDFGHJP', 'BCDFGHJQ', 'BCDFGHJR'];
      for (const [n, userCode] of codes.entries()) {
        await current().accounts.createPairing({ id: `p${n}`, userCode, deviceName: 'Chrome', pollSecretHash: 's', at: T0, expiresAt: later(10) });
      }
      const results = await Promise.all(
        codes.map((userCode) => current().accounts.decidePairing({ userCode, userId: gus.id, decision: 'approved', at: T0, maxHeld: 3 })),
      );
      expect(results.filter((result) => result.status === 'decided')).toHaveLength(2);
      expect(results.filter((result) => result.status === 'limit_reached')).toHaveLength(4);
      expect(await current().accounts.heldTokens(gus.id, T0)).toBe(3);
    });

    it('counts unrevoked tokens and approved, uncollected, unexpired pairings', async () => {
      const gus = await person();
      const [kept, revoked] = [await current().accounts.createToken(token(gus.id, 1)), await current().accounts.createToken(token(gus.id, 2))];
      await current().accounts.revokeToken(revoked.id, T0);
      await current().accounts.createPairing({ id: 'p1', userCode: 'BCDFGHJK', deviceName: 'Chrome', pollSecretHash: 's', at: T0, expiresAt: later(10) });
      await current().accounts.decidePairing({ userCode: 'BCDFGHJK', userId: gus.id, decision: 'approved', at: T0 });
      expect(kept.revokedAt).toBeNull();
      expect(await current().accounts.heldTokens(gus.id, later(1))).toBe(2);
      expect(await current().accounts.heldTokens(gus.id, later(11))).toBe(1);
    });

    it('sums the screenshot bytes of one person’s captures, shared bytes counted per capture', async () => {
      const gus = await person();
      const other = await person();
      expect(await current().accounts.screenshotBytesOf(gus.id)).toBe(0);
      const capture = async (reporterId: string, bytes: number | null) => {
        const input = captureInput.parse(sampleCaptureInput());
        const created = await current().createCapture({ input, inputHash: canonicalHash(input), reporter: { id: reporterId, name: 'Gus' }, receivedAt: T0 });
        if (bytes !== null) await current().attachScreenshot(input.id, { sha256: 'a'.repeat(64), bytes, contentType: 'image/png' });
        return created;
      };
      await capture(gus.id, 1000);
      await capture(gus.id, 1000);
      await capture(gus.id, null);
      await capture(other.id, 5000);
      expect(await current().accounts.screenshotBytesOf(gus.id)).toBe(2000);
      expect(await current().accounts.screenshotBytesOf(other.id)).toBe(5000);
    });
  });
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../server/store/store';

/** The audit log: append-only, newest first, filterable, paged by time. */
export function describeAuditConformance(name: string, open: () => Promise<Store>): void {
  describe(`Audit log conformance: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    const alice = { id: 'user-alice', name: 'Alice' };

    it('lists entries newest first with their details', async () => {
      await store.audit.record({ action: 'session.signed_in', actor: alice, ip: '10.0.0.1', at: '2026-01-01T10:00:00.000Z' });
      await store.audit.record({
        action: 'export.created',
        actor: alice,
        target: null,
        details: { format: 'csv', rows: 12, filtered: true },
        at: '2026-01-01T11:00:00.000Z',
      });
      await store.audit.record({ action: 'retention.purged', actor: null, details: { captures: 3 }, at: '2026-01-01T12:00:00.000Z' });

      const page = await store.audit.list({ limit: 10 });
      expect(page.entries.map((entry) => entry.action)).toEqual(['retention.purged', 'export.created', 'session.signed_in']);
      expect(page.entries[1]).toMatchObject({ actor: alice, details: { format: 'csv', rows: 12, filtered: true } });
      expect(page.entries[2]).toMatchObject({ ip: '10.0.0.1', target: null });
      expect(page.entries[0]?.actor).toBeNull();
      expect(page.nextBefore).toBeNull();
    });

    it('filters by action and actor and pages with nextBefore', async () => {
      for (let hour = 10; hour < 15; hour++) {
        await store.audit.record({ action: 'token.created', actor: alice, at: `2026-01-01T${hour}:00:00.000Z` });
      }
      await store.audit.record({ action: 'token.revoked', actor: { id: 'user-bob', name: 'Bob' }, at: '2026-01-01T16:00:00.000Z' });

      expect((await store.audit.list({ action: 'token.revoked', limit: 10 })).entries).toHaveLength(1);
      expect((await store.audit.list({ actor: 'user-bob', limit: 10 })).entries.map((e) => e.action)).toEqual(['token.revoked']);

      const first = await store.audit.list({ action: 'token.created', limit: 3 });
      expect(first.entries.map((e) => e.at)).toEqual([
        '2026-01-01T14:00:00.000Z',
        '2026-01-01T13:00:00.000Z',
        '2026-01-01T12:00:00.000Z',
      ]);
      expect(first.nextBefore).toBe('2026-01-01T12:00:00.000Z');
      const second = await store.audit.list({ action: 'token.created', limit: 3, before: first.nextBefore ?? undefined });
      expect(second.entries.map((e) => e.at)).toEqual(['2026-01-01T11:00:00.000Z', '2026-01-01T10:00:00.000Z']);
      expect(second.nextBefore).toBeNull();
    });
  });
}

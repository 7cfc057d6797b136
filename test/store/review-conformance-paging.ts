import { describe, expect, it } from 'vitest';
import { feedQuery, type FeedQuery } from '#shared/review';
import type { Store } from '../../server/store/store';
import { minutesAfter, useReviewWorld } from './review-fixtures';

const T0 = '2026-11-01T10:00:00.000Z';
const SEVERITIES = [undefined, 'low', 'medium', 'high', 'critical'] as const;

/** Each sort's keyset paging: every capture exactly once, whatever arrives meanwhile. */
export function describeReviewPagingConformance(name: string, open: () => Promise<Store>): void {
  describe(`Review paging conformance: ${name}`, () => {
    const w = useReviewWorld(open);

    /** 23 captures with repeating times (ties broken by id) and severities. */
    async function seed(): Promise<{ id: string; createdAt: string; rank: number }[]> {
      const made = [];
      for (let index = 0; index < 23; index++) {
        const severity = SEVERITIES[index % SEVERITIES.length];
        const createdAt = minutesAfter(T0, Math.floor(index / 2));
        const id = await w.create({ createdAt, ...(severity === undefined ? {} : { severity }) });
        made.push({ id, createdAt, rank: SEVERITIES.indexOf(severity) });
      }
      return made;
    }

    const byNewest = (a: { createdAt: string; id: string }, b: { createdAt: string; id: string }) =>
      b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);

    /** Walks the feed a page at a time, adding a capture between the first pages, newer than everything. */
    async function walkWhileArriving(query: FeedQuery): Promise<string[]> {
      const ids: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 50; pages++) {
        const result = await w.store.review.listFeed(feedQuery.parse({ ...query, cursor }), w.everyone);
        if (!result.ok) throw new Error(result.message);
        ids.push(...result.page.items.map((item) => item.id));
        if (result.page.nextCursor === null) return ids;
        cursor = result.page.nextCursor;
        if (pages < 5) await w.create({ createdAt: minutesAfter(T0, 1000 + pages), severity: 'critical', comment: 'late arrival' });
      }
      throw new Error('pagination did not end');
    }

    for (const limit of [1, 4, 7, 50]) {
      it(`newest first, by pages of ${limit}`, async () => {
        const made = await seed();
        const expected = [...made].sort(byNewest).map((capture) => capture.id);
        expect(await walkWhileArriving({ limit: String(limit) })).toEqual(expected);
      });

      it(`oldest first, by pages of ${limit}`, async () => {
        const made = await seed();
        const expected = [...made].sort(byNewest).reverse().map((capture) => capture.id);
        const walked = await walkWhileArriving({ sort: 'oldest', limit: String(limit) });
        // Arrivals are newer than everything, so an oldest-first walk meets them at its end.
        expect(walked.slice(0, expected.length)).toEqual(expected);
        expect(new Set(walked).size).toBe(walked.length);
        expect(walked.length).toBeLessThanOrEqual(expected.length + 5);
      });

      it(`severity (critical first, then newest), by pages of ${limit}`, async () => {
        const made = await seed();
        const expected = [...made].sort((a, b) => b.rank - a.rank || byNewest(a, b)).map((capture) => capture.id);
        // Arrivals are critical and newest: they sort before the cursor, so the walk never sees them.
        expect(await walkWhileArriving({ sort: 'severity', limit: String(limit) })).toEqual(expected);
      });
    }

    it('refuses a cursor from another sort, or one it did not issue', async () => {
      await seed();
      const first = await w.store.review.listFeed(feedQuery.parse({ limit: '2' }), w.everyone);
      if (!first.ok || first.page.nextCursor === null) throw new Error('expected a next page');
      const other = await w.store.review.listFeed(feedQuery.parse({ sort: 'severity', cursor: first.page.nextCursor }), w.everyone);
      expect(other).toMatchObject({ ok: false, reason: 'invalid_cursor' });
      const forged = await w.store.review.listFeed(feedQuery.parse({ cursor: 'bm90IGEgY3Vyc29y' }), w.everyone);
      expect(forged).toMatchObject({ ok: false, reason: 'invalid_cursor' });
      const same = await w.store.review.listFeed(feedQuery.parse({ cursor: first.page.nextCursor }), w.everyone);
      expect(same.ok).toBe(true);
    });
  });
}

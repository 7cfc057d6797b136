import { describe, expect, it } from 'vitest';
import type { Store } from '../../server/store/store';
import { minutesAfter, useReviewWorld } from './review-fixtures';

const T0 = '2026-11-01T10:00:00.000Z';

/** What merging shows to whom, and merges that race. */
export function describeReviewMergeConformance(name: string, open: () => Promise<Store>): void {
  describe(`Review merge conformance: ${name}`, () => {
    const w = useReviewWorld(open);

    it("shows a guest none of the others' captures merged into theirs: not in counts, detail or history", async () => {
      const guests = await w.create({ createdAt: T0, customer: 'Guest Co' }, w.gus);
      const maxs = await w.create({ createdAt: minutesAfter(T0, 1), customer: 'Max Co', comment: 'private to Max' }, w.max);
      const merged = await w.store.review.merge(guests, [maxs], w.olga, w.everyone, minutesAfter(T0, 2));
      expect(merged.status).toBe('merged');
      const gus = { userId: w.gus.id, seesAll: false };

      const detail = await w.store.review.getDetail(guests, gus);
      expect(detail).toMatchObject({ counts: { duplicates: 0, reporters: 1, customers: 1 }, duplicates: [], customers: ['Guest Co'] });
      expect(detail?.reporters.map((reporter) => reporter.name)).toEqual(['Gus']);
      const [listed] = await w.page({}, gus);
      expect(listed).toMatchObject({ id: guests, counts: { duplicates: 0, reporters: 1, customers: 1 } });
      const history = await w.store.review.history(guests, gus);
      expect(history?.find((event) => event.type === 'merged')).toMatchObject({ from: null, to: null });

      // Those who see everyone's captures still see the whole merge.
      const full = await w.store.review.getDetail(guests, w.everyone);
      expect(full).toMatchObject({ counts: { duplicates: 1, reporters: 2, customers: 2 }, duplicates: [{ id: maxs }] });
      const fullHistory = await w.store.review.history(guests, w.everyone);
      expect(fullHistory?.find((event) => event.type === 'merged')).toMatchObject({ to: maxs });
    });
  });
}

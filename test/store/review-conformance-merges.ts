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

    /** Captures merged into one that is itself merged (a chain or a cycle): there must be none. */
    async function chained(): Promise<string[]> {
      const rows = await w.db.selectFrom('captures').select(['id', 'merged_into']).execute();
      const mergedInto = new Map(rows.map((row) => [row.id, row.merged_into]));
      return rows.flatMap((row) => (row.merged_into !== null && mergedInto.get(row.merged_into) != null ? [`${row.id} → ${row.merged_into}`] : []));
    }

    it('never chains or cycles when merges race: at least one of them survives', async () => {
      const at = minutesAfter(T0, 10);
      for (let round = 0; round < 8; round++) {
        const a = await w.create({ createdAt: T0 });
        const b = await w.create({ createdAt: T0 });
        const c = await w.create({ createdAt: T0 });
        // Opposite merges of one pair, and a merge of the target into a third, all at once.
        const results = await Promise.all([
          w.store.review.merge(a, [b], w.olga, w.everyone, at),
          w.store.review.merge(b, [a], w.ada, w.everyone, at),
          w.store.review.merge(c, [a], w.olga, w.everyone, at),
        ]);
        expect(results.filter((result) => result.status === 'merged').length).toBeGreaterThan(0);
        expect(await chained()).toEqual([]);
        const survivors = await w.db.selectFrom('captures').select('id').where('id', 'in', [a, b, c]).where('merged_into', 'is', null).execute();
        expect(survivors.length).toBeGreaterThan(0);
      }
    });
  });
}

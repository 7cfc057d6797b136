import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { savedViewInput } from '#shared/review';
import type { Store } from '../../server/store/store';
import { minutesAfter, useReviewWorld } from './review-fixtures';

const T0 = '2026-11-01T10:00:00.000Z';

/** Comments, saved views, and what deleting a capture takes with it. */
export function describeReviewNotesConformance(name: string, open: () => Promise<Store>): void {
  describe(`Review comments, views and deletion conformance: ${name}`, () => {
    const w = useReviewWorld(open);

    it('keeps comments oldest first, counted in the feed, each in the history', async () => {
      const id = await w.create({ createdAt: T0 });
      const first = await w.store.review.addComment(id, 'Seen it too', w.max, w.everyone, minutesAfter(T0, 1));
      const second = await w.store.review.addComment(id, 'Fixed in 2.3', w.olga, w.everyone, minutesAfter(T0, 2));
      expect(first).toMatchObject({ author: { id: w.max.id, name: 'Max' }, body: 'Seen it too', createdAt: minutesAfter(T0, 1) });
      expect((await w.store.review.listComments(id, w.everyone))?.map((comment) => comment.body)).toEqual(['Seen it too', 'Fixed in 2.3']);
      expect((await w.store.review.getReviewed(id, w.everyone))?.counts.comments).toBe(2);
      const history = await w.store.review.history(id, w.everyone);
      expect(history?.map(({ type, to, actor }) => [type, to, actor?.name])).toEqual([
        ['created', null, 'Ada'],
        ['comment', first?.id, 'Max'],
        ['comment', second?.id, 'Olga'],
      ]);
      expect(await w.store.review.listComments('0190f1d2-3c4b-7a00-8a00-0123456789ab', w.everyone)).toBeNull();
    });

    it('lists your own views and shared ones; deletes by owner or admin', async () => {
      const mine = await w.store.review.createView(w.max, savedViewInput.parse({ name: 'Mine', query: 'status=new' }), T0);
      const shared = await w.store.review.createView(
        w.olga,
        savedViewInput.parse({ name: 'Checkout', query: '?tag=checkout&status=new,triaged', shared: true }),
        minutesAfter(T0, 1),
      );
      const private_ = await w.store.review.createView(w.olga, savedViewInput.parse({ name: 'Olga only', query: '' }), minutesAfter(T0, 2));
      expect(shared).toMatchObject({ query: 'tag=checkout&status=new,triaged', shared: true, owner: { id: w.olga.id, name: 'Olga' } });
      expect((await w.store.review.listViews(w.max.id, { includeShared: true })).map((view) => view.name)).toEqual(['Mine', 'Checkout']);
      expect((await w.store.review.listViews(w.olga.id, { includeShared: true })).map((view) => view.name)).toEqual(['Checkout', 'Olga only']);
      // Someone who may not see shared views (a guest) lists only their own, and cannot tell others' exist.
      const gusOwn = await w.store.review.createView(w.gus, savedViewInput.parse({ name: 'Gus own', query: '' }), minutesAfter(T0, 3));
      expect((await w.store.review.listViews(w.gus.id, { includeShared: false })).map((view) => view.name)).toEqual(['Gus own']);
      expect(await w.store.review.deleteView(shared.id, { id: w.gus.id, mayDeleteAny: false, seesShared: false })).toBe('not_found');
      expect(await w.store.review.deleteView(gusOwn.id, { id: w.gus.id, mayDeleteAny: false, seesShared: false })).toBe('deleted');

      expect(await w.store.review.deleteView(shared.id, { id: w.max.id, mayDeleteAny: false, seesShared: true })).toBe('forbidden');
      expect(await w.store.review.deleteView(private_.id, { id: w.max.id, mayDeleteAny: false, seesShared: true })).toBe('not_found');
      expect(await w.store.review.deleteView(mine.id, { id: w.max.id, mayDeleteAny: false, seesShared: true })).toBe('deleted');
      expect(await w.store.review.deleteView(shared.id, { id: w.ada.id, mayDeleteAny: true, seesShared: true })).toBe('deleted');
      expect(await w.store.review.deleteView(shared.id, { id: w.ada.id, mayDeleteAny: true, seesShared: true })).toBe('not_found');
      expect((await w.store.review.listViews(w.max.id, { includeShared: true })).map((view) => view.name)).toEqual([]);
    });

    it('a capture deleted by any code takes its comments, history and search entry with it', async () => {
      const doomed = await w.create({ comment: 'zanzibar checkout crash', createdAt: minutesAfter(T0, 1) });
      const kept = await w.create({ comment: 'zanzibar is fine', createdAt: minutesAfter(T0, 2) });
      await w.store.review.addComment(doomed, 'note', w.olga, w.everyone, T0);
      await w.store.review.triage(doomed, { status: 'triaged' }, w.olga, w.everyone, T0);
      await w.store.review.merge(doomed, [kept], w.olga, w.everyone, T0);
      expect(await w.walk({ q: 'zanzibar crash' })).toEqual([doomed]);

      await w.db.deleteFrom('captures').where('id', '=', doomed).execute();

      const left = async (table: 'capture_comments' | 'capture_events') =>
        (await w.db.selectFrom(table).select('capture_id').where('capture_id', '=', doomed).execute()).length;
      expect(await left('capture_comments')).toBe(0);
      expect(await left('capture_events')).toBe(0);
      expect(await w.walk({ q: 'zanzibar' })).toEqual([kept]);
      expect(await w.walk({ q: 'crash' })).toEqual([]);
      if (w.store.dialect === 'sqlite') {
        const { rows } = await sql<{ count: number }>`select count(*) as count from captures_fts where captures_fts match 'crash'`.execute(w.db);
        expect(Number(rows[0]?.count)).toBe(0);
        // The index still agrees with its content table, row for row.
        await sql`insert into captures_fts (captures_fts, rank) values ('integrity-check', 1)`.execute(w.db);
      }
      // Its duplicate is freed rather than left merged into nothing.
      expect(await w.store.review.getReviewed(kept, w.everyone)).toMatchObject({ triage: { status: 'new', mergedInto: null } });
    });
  });
}

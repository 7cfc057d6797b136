import { describe, expect, it } from 'vitest';
import type { Store } from '../../server/store/store';
import { minutesAfter, useReviewWorld } from './review-fixtures';

const T0 = '2026-11-01T10:00:00.000Z';

/** Triage, bulk triage, merging and the history they leave. */
export function describeReviewTriageConformance(name: string, open: () => Promise<Store>): void {
  describe(`Review triage conformance: ${name}`, () => {
    const w = useReviewWorld(open);

    it('changes status, priority and assignee, one history event per changed field', async () => {
      const id = await w.create({ createdAt: T0 });
      const at = minutesAfter(T0, 5);
      const result = await w.store.review.triage(id, { status: 'triaged', priority: 'high', assigneeId: w.max.id }, w.olga, w.everyone, at);
      expect(result).toMatchObject({
        status: 'updated',
        changed: true,
        capture: { triage: { status: 'triaged', priority: 'high', assignee: { id: w.max.id, name: 'Max' }, mergedInto: null, updatedAt: at } },
      });
      // Same values again: nothing changes, nothing is recorded.
      const again = await w.store.review.triage(id, { status: 'triaged', priority: 'high' }, w.olga, w.everyone, minutesAfter(T0, 6));
      expect(again).toMatchObject({ status: 'updated', changed: false, capture: { triage: { updatedAt: at } } });
      await w.store.review.triage(id, { priority: null, assigneeId: null }, w.ada, w.everyone, minutesAfter(T0, 7));

      const history = await w.store.review.history(id, w.everyone);
      expect(history?.map(({ type, from, to, actor }) => ({ type, from, to, actor: actor?.name }))).toEqual([
        { type: 'created', from: null, to: null, actor: 'Ada' },
        { type: 'status', from: 'new', to: 'triaged', actor: 'Olga' },
        { type: 'priority', from: null, to: 'high', actor: 'Olga' },
        { type: 'assignee', from: null, to: w.max.id, actor: 'Olga' },
        { type: 'priority', from: 'high', to: null, actor: 'Ada' },
        { type: 'assignee', from: w.max.id, to: null, actor: 'Ada' },
      ]);
    });

    it('refuses an assignee who is not an active member, changing nothing', async () => {
      const id = await w.create();
      expect(await w.store.review.triage(id, { status: 'resolved', assigneeId: 'nobody' }, w.olga, w.everyone, T0)).toEqual({
        status: 'invalid_assignee',
      });
      await w.db.updateTable('users').set({ deactivated_at: T0 }).where('id', '=', w.max.id).execute();
      expect(await w.store.review.triage(id, { assigneeId: w.max.id }, w.olga, w.everyone, T0)).toEqual({ status: 'invalid_assignee' });
      expect(await w.store.review.getReviewed(id, w.everyone)).toMatchObject({ triage: { status: 'new', assignee: null } });
      expect(await w.store.review.triage('0190f1d2-3c4b-7a00-8a00-0123456789ab', { status: 'resolved' }, w.olga, w.everyone, T0)).toEqual({
        status: 'not_found',
      });
    });

    it('bulk-triages in one go and names the ids it could not find', async () => {
      const a = await w.create({ createdAt: minutesAfter(T0, 1) });
      const b = await w.create({ createdAt: minutesAfter(T0, 2) });
      const missing = '0190f1d2-3c4b-7a00-8a00-0123456789ab';
      const result = await w.store.review.bulkTriage([b, missing, a], { status: 'in_progress', assigneeId: w.olga.id }, w.olga, w.everyone, T0);
      if (result.status !== 'updated') throw new Error(result.status);
      expect(result.notFound).toEqual([missing]);
      expect(result.updated.map((capture) => [capture.id, capture.triage.status, capture.triage.assignee?.id])).toEqual([
        [b, 'in_progress', w.olga.id],
        [a, 'in_progress', w.olga.id],
      ]);
      expect((await w.store.review.history(a, w.everyone))?.map((event) => event.type)).toEqual(['created', 'status', 'assignee']);
    });

    it('merges duplicates: status, re-pointing, distinct reporters and customers, history on both sides', async () => {
      const target = await w.create({ customer: 'Globex', createdAt: minutesAfter(T0, 1) }, w.ada);
      const first = await w.create({ customer: 'globex', createdAt: minutesAfter(T0, 2) }, w.max);
      const second = await w.create({ customer: 'Initech', createdAt: minutesAfter(T0, 3) }, w.max);
      const earlier = await w.create({ createdAt: minutesAfter(T0, 4) }, w.gus);
      // `earlier` was already merged into `second`; merging `second` brings it along.
      await w.store.review.merge(second, [earlier], w.olga, w.everyone, minutesAfter(T0, 10));
      const merged = await w.store.review.merge(target, [first, second], w.olga, w.everyone, minutesAfter(T0, 11));
      if (merged.status !== 'merged') throw new Error(merged.status);
      expect(merged.detail.duplicates.map((duplicate) => duplicate.id)).toEqual([first, second, earlier]);
      expect(merged.detail.counts).toEqual({ comments: 0, duplicates: 3, reporters: 3, customers: 2 });
      expect(merged.detail.reporters.map((person) => person.name).sort()).toEqual(['Ada', 'Gus', 'Max']);
      expect(merged.detail.customers.sort()).toEqual(['Globex', 'Initech']);
      for (const id of [first, second, earlier]) {
        expect(await w.store.review.getReviewed(id, w.everyone)).toMatchObject({ triage: { status: 'duplicate', mergedInto: target } });
      }
      // The feed's counts match the detail's, without reading each capture on its own.
      const [row] = await w.page({});
      expect(row).toMatchObject({ id: target, counts: { duplicates: 3, reporters: 3, customers: 2 } });

      const targetHistory = await w.store.review.history(target, w.everyone);
      expect(targetHistory?.filter((event) => event.type === 'merged').map((event) => event.to).sort()).toEqual([first, second, earlier].sort());
      const earlierHistory = await w.store.review.history(earlier, w.everyone);
      expect(earlierHistory?.map(({ type, from, to }) => [type, from, to])).toEqual([
        ['created', null, null],
        ['merged_into', null, second],
        ['merged_into', second, target],
      ]);
    });

    it('refuses a target that is itself merged, and unknown ids', async () => {
      const a = await w.create();
      const b = await w.create();
      const c = await w.create();
      await w.store.review.merge(a, [b], w.olga, w.everyone, T0);
      expect(await w.store.review.merge(b, [c], w.olga, w.everyone, T0)).toEqual({ status: 'target_merged', mergedInto: a });
      const missing = '0190f1d2-3c4b-7a00-8a00-0123456789ab';
      expect(await w.store.review.merge(a, [c, missing], w.olga, w.everyone, T0)).toEqual({ status: 'not_found', ids: [missing] });
      expect(await w.store.review.getReviewed(c, w.everyone)).toMatchObject({ triage: { status: 'new', mergedInto: null } });
    });

    it('keeps a merged capture’s status until it is unmerged', async () => {
      const a = await w.create();
      const b = await w.create();
      await w.store.review.merge(a, [b], w.olga, w.everyone, T0);
      expect(await w.store.review.triage(b, { status: 'resolved' }, w.olga, w.everyone, T0)).toEqual({ status: 'merged', ids: [b] });
      expect(await w.store.review.triage(b, { priority: 'low' }, w.olga, w.everyone, T0)).toMatchObject({ status: 'updated' });
      const bulk = await w.store.review.bulkTriage([a, b], { status: 'resolved' }, w.olga, w.everyone, T0);
      expect(bulk).toEqual({ status: 'merged', ids: [b] });
      expect(await w.store.review.getReviewed(a, w.everyone)).toMatchObject({ triage: { status: 'new' } });

      const unmerged = await w.store.review.unmerge(b, w.ada, w.everyone, minutesAfter(T0, 1));
      expect(unmerged).toMatchObject({ status: 'unmerged', formerTarget: a, capture: { triage: { status: 'new', mergedInto: null } } });
      expect(await w.store.review.unmerge(b, w.ada, w.everyone, T0)).toEqual({ status: 'not_merged' });
      expect((await w.store.review.history(a, w.everyone))?.map((event) => event.type)).toEqual(['created', 'merged', 'unmerged']);
      expect((await w.store.review.getReviewed(a, w.everyone))?.counts.duplicates).toBe(0);
    });
  });
}

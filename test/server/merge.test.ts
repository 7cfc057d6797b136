import { describe, expect, it } from 'vitest';
import { apiError } from '#shared/api';
import { captureDetail, captureHistory, reviewedCapture } from '#shared/review';
import { useReviewApp } from './review-helpers';

describe('POST /api/v1/captures/merge and /:id/unmerge', () => {
  const r = useReviewApp();

  it('makes duplicates of the others and counts every reporter and customer on the survivor', async () => {
    const target = await r.capture({ customer: 'Globex', createdAt: '2026-11-01T10:00:00.000Z' });
    const dupA = await r.capture({ customer: 'GLOBEX', createdAt: '2026-11-01T11:00:00.000Z' }, r.member);
    const dupB = await r.capture({ customer: 'Initech', createdAt: '2026-11-01T12:00:00.000Z' }, r.guest);
    const res = await r.call('POST', '/captures/merge', r.ops, { targetId: target, duplicateIds: [dupA, dupB] });
    expect(res.status).toBe(200);
    const detail = captureDetail.parse(await res.json());
    expect(detail.id).toBe(target);
    expect(detail.counts).toMatchObject({ duplicates: 2, reporters: 3, customers: 2 });
    expect(detail.duplicates.map((duplicate) => [duplicate.id, duplicate.reporter.name])).toEqual([
      [dupA, 'Max Member'],
      [dupB, 'Gus Guest'],
    ]);
    expect(detail.customers).toEqual(['Globex', 'Initech']);
    // The feed hides duplicates unless asked.
    expect(await r.feedIds('')).toEqual([target]);
    expect(await r.feedIds('?includeMerged=true&status=duplicate')).toEqual([dupB, dupA]);
    const history = captureHistory.parse(await (await r.call('GET', `/captures/${dupA}/history`, r.admin)).json());
    expect(history.events.at(-1)).toMatchObject({ type: 'merged_into', to: target, actor: { name: 'Olga Ops' } });
  });

  it('400 when the target is among the duplicates, 404 for unknown ids, 409 for a merged target', async () => {
    const a = await r.capture();
    const b = await r.capture();
    const self = await r.call('POST', '/captures/merge', r.ops, { targetId: a, duplicateIds: [b, a] });
    expect(self.status).toBe(400);
    expect(apiError.parse(await self.json()).error.issues?.[0]?.path).toBe('duplicateIds');
    const unknown = await r.call('POST', '/captures/merge', r.ops, { targetId: a, duplicateIds: ['0190f1d2-3c4b-7a00-8a00-0123456789ab'] });
    expect(unknown.status).toBe(404);
    expect((await r.call('POST', '/captures/merge', r.ops, { targetId: a, duplicateIds: [b] })).status).toBe(200);
    const c = await r.capture();
    const chained = await r.call('POST', '/captures/merge', r.ops, { targetId: b, duplicateIds: [c] });
    expect(chained.status).toBe(409);
    expect((await r.call('POST', '/captures/merge', r.member, { targetId: a, duplicateIds: [c] })).status).toBe(403);
  });

  it('unmerges back to new, with history on both sides; 409 when not merged', async () => {
    const a = await r.capture();
    const b = await r.capture();
    await r.call('POST', '/captures/merge', r.ops, { targetId: a, duplicateIds: [b] });
    const res = await r.call('POST', `/captures/${b}/unmerge`, r.ops);
    expect(res.status).toBe(200);
    expect(reviewedCapture.parse(await res.json()).triage).toMatchObject({ status: 'new', mergedInto: null });
    expect((await r.detail(a)).counts.duplicates).toBe(0);
    const history = captureHistory.parse(await (await r.call('GET', `/captures/${a}/history`, r.admin)).json());
    expect(history.events.map((event) => event.type)).toEqual(['created', 'merged', 'unmerged']);
    expect((await r.call('POST', `/captures/${b}/unmerge`, r.ops)).status).toBe(409);
  });
});

import { describe, expect, it } from 'vitest';
import { apiError } from '#shared/api';
import { reviewedCapture } from '#shared/review';
import { useReviewApp } from './review-helpers';

describe('PATCH /api/v1/captures/:id/triage', () => {
  const r = useReviewApp();

  it('sets status, priority and assignee for ops, recording who and when', async () => {
    const id = await r.capture();
    r.now = new Date('2026-11-22T13:00:00.000Z');
    const res = await r.call('PATCH', `/captures/${id}/triage`, r.ops, { status: 'in_progress', priority: 'urgent', assigneeId: r.member.user.id });
    expect(res.status).toBe(200);
    expect(reviewedCapture.parse(await res.json()).triage).toEqual({
      status: 'in_progress',
      priority: 'urgent',
      assignee: { id: r.member.user.id, name: 'Max Member' },
      mergedInto: null,
      updatedAt: '2026-11-22T13:00:00.000Z',
    });
    expect(await r.feedIds(`?assignee=${r.member.user.id}&status=in_progress&priority=urgent`)).toEqual([id]);
    expect(await r.feedIds('?assignee=me', r.member)).toEqual([id]);

    const cleared = await r.call('PATCH', `/captures/${id}/triage`, r.admin, { priority: null, assigneeId: null });
    expect(reviewedCapture.parse(await cleared.json()).triage).toMatchObject({ priority: null, assignee: null });
  });

  it('400 naming the field for an unknown assignee, a hand-set duplicate, an empty change or an unknown field', async () => {
    const id = await r.capture();
    const cases: Array<[unknown, string]> = [
      [{ assigneeId: 'nobody' }, 'assigneeId'],
      [{ status: 'duplicate' }, 'status'],
      [{ status: 'open' }, 'status'],
      [{ priority: 'p0' }, 'priority'],
      [{}, '(body)'],
      [{ status: 'resolved', colour: 'red' }, '(body)'],
    ];
    for (const [body, field] of cases) {
      const res = await r.call('PATCH', `/captures/${id}/triage`, r.ops, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(apiError.parse(await res.json()).error.issues?.map((issue) => issue.path)).toContain(field);
    }
    expect((await r.detail(id)).triage.status).toBe('new');
  });

  it('403 for members and guests, 404 for an unknown capture, 409 for a merged one', async () => {
    const id = await r.capture();
    for (const who of [r.member, r.guest]) {
      expect((await r.call('PATCH', `/captures/${id}/triage`, who, { status: 'resolved' })).status).toBe(403);
    }
    expect((await r.call('PATCH', '/captures/0190f1d2-3c4b-7a00-8a00-0123456789ab/triage', r.ops, { status: 'resolved' })).status).toBe(404);
    const original = await r.capture();
    expect((await r.call('POST', '/captures/merge', r.ops, { targetId: original, duplicateIds: [id] })).status).toBe(200);
    const res = await r.call('PATCH', `/captures/${id}/triage`, r.ops, { status: 'resolved' });
    expect(res.status).toBe(409);
    expect(apiError.parse(await res.json()).error.code).toBe('conflict');
  });
});

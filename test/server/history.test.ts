import { describe, expect, it } from 'vitest';
import { captureHistory } from '#shared/review';
import { useReviewApp } from './review-helpers';

describe('GET /api/v1/captures/:id/history', () => {
  const r = useReviewApp();

  it('starts with the arrival by the reporter, then every change in order with its actor', async () => {
    r.now = new Date('2026-11-22T12:00:00.000Z');
    const id = await r.capture({}, r.member);
    r.now = new Date('2026-11-22T12:05:00.000Z');
    await r.call('PATCH', `/captures/${id}/triage`, r.ops, { status: 'triaged', assigneeId: r.ops.user.id });
    r.now = new Date('2026-11-22T12:06:00.000Z');
    await r.call('POST', `/captures/${id}/comments`, r.admin, { body: 'On it' });
    r.now = new Date('2026-11-22T12:07:00.000Z');
    await r.call('PATCH', `/captures/${id}/triage`, r.ops, { status: 'resolved' });

    const res = await r.call('GET', `/captures/${id}/history`, r.member);
    expect(res.status).toBe(200);
    const { events } = captureHistory.parse(await res.json());
    expect(events.map(({ at, actor, type, from, to }) => [at, actor?.name, type, from, type === 'comment' ? 'id' : to])).toEqual([
      ['2026-11-22T12:00:00.000Z', 'Max Member', 'created', null, null],
      ['2026-11-22T12:05:00.000Z', 'Olga Ops', 'status', 'new', 'triaged'],
      ['2026-11-22T12:05:00.000Z', 'Olga Ops', 'assignee', null, r.ops.user.id],
      ['2026-11-22T12:06:00.000Z', 'Admin', 'comment', null, 'id'],
      ['2026-11-22T12:07:00.000Z', 'Olga Ops', 'status', 'triaged', 'resolved'],
    ]);
  });

  it('404 for an unknown capture and 400 for an id that is not one', async () => {
    expect((await r.call('GET', '/captures/0190f1d2-3c4b-7a00-8a00-0123456789ab/history', r.admin)).status).toBe(404);
    expect((await r.call('GET', '/captures/nope/history', r.admin)).status).toBe(400);
  });
});

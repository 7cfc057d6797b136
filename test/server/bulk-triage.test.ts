import { describe, expect, it } from 'vitest';
import { apiError } from '#shared/api';
import { bulkTriageResult } from '#shared/review';
import { useReviewApp } from './review-helpers';

const missing = '0190f1d2-3c4b-7a00-8a00-0123456789ab';

describe('POST /api/v1/captures/bulk-triage', () => {
  const r = useReviewApp();

  it('changes every capture found, and names the ids it did not find', async () => {
    const a = await r.capture({ createdAt: '2026-11-01T10:00:00.000Z' });
    const b = await r.capture({ createdAt: '2026-11-01T11:00:00.000Z' });
    const res = await r.call('POST', '/captures/bulk-triage', r.ops, { ids: [a, missing, b], status: 'resolved', priority: 'low' });
    expect(res.status).toBe(200);
    const body = bulkTriageResult.parse(await res.json());
    expect(body.notFound).toEqual([missing]);
    expect(body.updated.map((capture) => [capture.id, capture.triage.status, capture.triage.priority])).toEqual([
      [a, 'resolved', 'low'],
      [b, 'resolved', 'low'],
    ]);
    expect(await r.feedIds('?status=resolved')).toEqual([b, a]);
  });

  it('changes nothing when the assignee is not a member (400) or one capture is merged (409)', async () => {
    const a = await r.capture();
    const b = await r.capture();
    const bad = await r.call('POST', '/captures/bulk-triage', r.ops, { ids: [a, b], status: 'resolved', assigneeId: 'ghost' });
    expect(bad.status).toBe(400);
    expect(apiError.parse(await bad.json()).error.issues?.[0]?.path).toBe('assigneeId');
    const c = await r.capture();
    await r.call('POST', '/captures/merge', r.ops, { targetId: c, duplicateIds: [b] });
    expect((await r.call('POST', '/captures/bulk-triage', r.ops, { ids: [a, b], status: 'resolved' })).status).toBe(409);
    expect(await r.feedIds('?status=resolved&includeMerged=true')).toEqual([]);
  });

  it('400 for no ids, more than 200, or ids that are not capture ids; 403 for members', async () => {
    const ids = Array.from({ length: 201 }, () => missing);
    for (const body of [{ ids: [], status: 'new' }, { ids, status: 'new' }, { ids: ['x'], status: 'new' }, { ids: [missing] }]) {
      expect((await r.call('POST', '/captures/bulk-triage', r.ops, body)).status).toBe(400);
    }
    expect((await r.call('POST', '/captures/bulk-triage', r.member, { ids: [missing], status: 'new' })).status).toBe(403);
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fakePng, postCapture, putScreenshot, sampleCaptureInput } from './helpers';
import { useReviewApp } from './review-helpers';

describe('live events published by review routes', () => {
  const r = useReviewApp();

  it('on a capture without a declared screenshot: capture.created once, not on a retry', async () => {
    const input = sampleCaptureInput();
    expect((await postCapture({ app: r.app, token: r.member.token }, input)).status).toBe(201);
    expect((await postCapture({ app: r.app, token: r.member.token }, input)).status).toBe(200);
    expect(r.heard).toEqual([
      { type: 'capture.created', captureId: input.id, reporterId: r.member.user.id, actorId: r.member.user.id, at: expect.any(String) },
    ]);
  });

  it('on a declared screenshot: nothing until the image arrives, then capture.created', async () => {
    const png = fakePng(2048);
    const sha256 = createHash('sha256').update(png).digest('hex');
    const input = sampleCaptureInput({ screenshot: { contentType: 'image/png', bytes: png.byteLength, sha256 } });
    expect((await postCapture({ app: r.app, token: r.member.token }, input)).status).toBe(201);
    expect(r.heard).toEqual([]);
    expect((await putScreenshot({ app: r.app, token: r.member.token }, input.id, png)).status).toBe(201);
    expect(r.heard.map((event) => [event.type, event.captureId])).toEqual([['capture.created', input.id]]);
  });

  it('on triage, comments, merges and unmerges: capture.updated for each capture that changed', async () => {
    const a = await r.capture({}, r.member);
    const b = await r.capture({}, r.guest);
    r.heard.length = 0;
    r.now = new Date('2026-11-22T13:00:00.000Z');
    await r.call('PATCH', `/captures/${a}/triage`, r.ops, { status: 'triaged' });
    await r.call('PATCH', `/captures/${a}/triage`, r.ops, { status: 'triaged' });
    await r.call('POST', `/captures/${a}/comments`, r.ops, { body: 'x' });
    await r.call('POST', '/captures/bulk-triage', r.ops, { ids: [a, b], priority: 'high' });
    await r.call('POST', '/captures/merge', r.ops, { targetId: a, duplicateIds: [b] });
    await r.call('POST', `/captures/${b}/unmerge`, r.ops);
    const seen = r.heard.map((event) => [event.type, event.captureId === a ? 'a' : 'b', event.reporterId === r.guest.user.id ? 'guest' : 'member']);
    expect(seen).toEqual([
      ['capture.updated', 'a', 'member'],
      // The unchanged second triage publishes nothing.
      ['capture.updated', 'a', 'member'],
      ['capture.updated', 'a', 'member'],
      ['capture.updated', 'b', 'guest'],
      ['capture.updated', 'a', 'member'],
      ['capture.updated', 'b', 'guest'],
      ['capture.updated', 'b', 'guest'],
      ['capture.updated', 'a', 'member'],
    ]);
    expect(r.heard.every((event) => event.actorId === r.ops.user.id && event.at === '2026-11-22T13:00:00.000Z')).toBe(true);
  });
});

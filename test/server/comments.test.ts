import { describe, expect, it } from 'vitest';
import { apiError } from '#shared/api';
import { captureComment, commentList } from '#shared/review';
import { useReviewApp } from './review-helpers';

describe('/api/v1/captures/:id/comments', () => {
  const r = useReviewApp();

  it('adds trimmed comments (201) and lists them oldest first, counted in the feed', async () => {
    const id = await r.capture();
    r.now = new Date('2026-11-22T12:01:00.000Z');
    const first = await r.call('POST', `/captures/${id}/comments`, r.member, { body: '  Seen this twice today  ' });
    expect(first.status).toBe(201);
    expect(captureComment.parse(await first.json())).toMatchObject({
      author: { id: r.member.user.id, name: 'Max Member' },
      body: 'Seen this twice today',
      createdAt: '2026-11-22T12:01:00.000Z',
    });
    r.now = new Date('2026-11-22T12:02:00.000Z');
    await r.call('POST', `/captures/${id}/comments`, r.ops, { body: '<b>not html</b>' });
    const list = commentList.parse(await (await r.call('GET', `/captures/${id}/comments`, r.admin)).json());
    expect(list.comments.map((comment) => comment.body)).toEqual(['Seen this twice today', '<b>not html</b>']);
    expect((await r.detail(id)).counts.comments).toBe(2);
  });

  it('400 for an empty or too long body, 403 for guests, 404 for an unknown capture', async () => {
    const id = await r.capture();
    for (const body of [{ body: '   ' }, { body: 'x'.repeat(5001) }, {}]) {
      const res = await r.call('POST', `/captures/${id}/comments`, r.ops, body);
      expect(res.status).toBe(400);
      expect(apiError.parse(await res.json()).error.issues?.[0]?.path).toBe('body');
    }
    const own = await r.capture({}, r.guest);
    expect((await r.call('POST', `/captures/${own}/comments`, r.guest, { body: 'hi' })).status).toBe(403);
    expect((await r.call('GET', '/captures/0190f1d2-3c4b-7a00-8a00-0123456789ab/comments', r.admin)).status).toBe(404);
    expect((await r.call('POST', '/captures/0190f1d2-3c4b-7a00-8a00-0123456789ab/comments', r.admin, { body: 'x' })).status).toBe(404);
  });
});

import { describe, expect, it } from 'vitest';
import { putScreenshot, fakePng } from './helpers';
import { useReviewApp } from './review-helpers';

describe('what a guest sees', () => {
  const r = useReviewApp();

  it('only their own captures: feed, detail, comments, history and screenshot; others are 404', async () => {
    const mine = await r.capture({}, r.guest);
    const theirs = await r.capture({}, r.member);
    expect(await r.feedIds('', r.guest)).toEqual([mine]);
    expect(await r.feedIds(`?reporter=${r.member.user.id}`, r.guest)).toEqual([]);
    expect(await r.feedIds('', r.member)).toEqual([theirs, mine]);
    for (const path of [`/captures/${theirs}`, `/captures/${theirs}/comments`, `/captures/${theirs}/history`, `/captures/${theirs}/screenshot`]) {
      expect((await r.call('GET', path, r.guest)).status, path).toBe(404);
    }
    expect((await r.call('GET', `/captures/${mine}`, r.guest)).status).toBe(200);
    expect((await r.call('GET', `/captures/${mine}/history`, r.guest)).status).toBe(200);

    const png = fakePng();
    expect((await putScreenshot({ app: r.app, token: r.member.token }, theirs, png)).status).toBe(201);
    expect((await r.call('GET', `/captures/${theirs}/screenshot`, r.guest)).status).toBe(404);
    expect((await r.call('GET', `/captures/${theirs}/screenshot`, r.member)).status).toBe(200);
  });

  it('cannot triage, merge or comment', async () => {
    const mine = await r.capture({}, r.guest);
    expect((await r.call('PATCH', `/captures/${mine}/triage`, r.guest, { status: 'resolved' })).status).toBe(403);
    expect((await r.call('POST', '/captures/bulk-triage', r.guest, { ids: [mine], status: 'resolved' })).status).toBe(403);
    expect((await r.call('POST', '/captures/merge', r.guest, { targetId: mine, duplicateIds: [mine] })).status).toBe(403);
    expect((await r.call('POST', `/captures/${mine}/comments`, r.guest, { body: 'hi' })).status).toBe(403);
  });
});

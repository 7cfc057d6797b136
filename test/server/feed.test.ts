import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_PREFIX, apiError } from '#shared/api';
import { feedPage } from '#shared/review';
import type { CaptureInput } from '#shared/capture';
import { authHeaders, makeTestApp, postCapture, sampleCaptureInput, type TestApp } from './helpers';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

async function seed(overrides: Partial<CaptureInput>): Promise<string> {
  const input = sampleCaptureInput(overrides);
  expect((await postCapture(t, input)).status).toBe(201);
  return input.id;
}

async function getFeed(query: string) {
  return t.app.request(`${API_PREFIX}/captures${query}`, { headers: authHeaders(t.token) });
}

async function walk(query: string, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams(query);
    params.set('limit', String(limit));
    if (cursor !== null) params.set('cursor', cursor);
    const res = await getFeed(`?${params}`);
    expect(res.status).toBe(200);
    const page = feedPage.parse(await res.json());
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
  } while (cursor !== null);
  return ids;
}

describe('GET /api/v1/captures', () => {
  it('lists newest first (by when the server received them) and pages with an opaque cursor', async () => {
    await t.close();
    let clock = new Date('2025-05-01T09:00:00.000Z');
    t = await makeTestApp({ now: () => clock });
    const seedAt = (received: string, createdAt: string) => {
      clock = new Date(received);
      return seed({ createdAt });
    };
    const a = await seedAt('2025-05-01T09:00:00.000Z', '2025-05-01T09:00:00.000Z');
    const b = await seedAt('2025-05-03T09:00:00.000Z', '2025-05-03T09:00:00.000Z');
    const c = await seedAt('2025-05-02T09:00:00.000Z', '2025-05-02T09:00:00.000Z');
    // Received at the same instant as c, whatever its own clock said (offsets and all).
    const d = await seedAt('2025-05-02T09:00:00.000Z', '2025-05-02T11:00:00+02:00');
    const [later, earlier] = c > d ? [c, d] : [d, c];

    const res = await getFeed('');
    const page = feedPage.parse(await res.json());
    expect(page.items.map((item) => item.id)).toEqual([b, later, earlier, a]);
    expect(page.nextCursor).toBeNull();

    for (const limit of [1, 2, 3]) expect(await walk('', limit)).toEqual([b, later, earlier, a]);
  });

  it('filters by kind and by tag (tags match case-insensitively)', async () => {
    const shot = await seed({ kind: 'screenshot', tags: ['billing'], createdAt: '2025-06-01T00:00:00Z' });
    const friction = await seed({ kind: 'friction', tags: ['billing', 'slow'], createdAt: '2025-06-02T00:00:00Z' });
    const clip = await seed({ kind: 'clip', quote: 'Free forever*', tags: ['copy'], createdAt: '2025-06-03T00:00:00Z' });

    expect(await walk('kind=friction', 10)).toEqual([friction]);
    expect(await walk('tag=Billing', 1)).toEqual([friction, shot]);
    expect(await walk('tag=billing&kind=screenshot', 10)).toEqual([shot]);
    expect(await walk('kind=clip', 10)).toEqual([clip]);
    expect(await walk('tag=none', 10)).toEqual([]);
    // Several values: any of them (repeated or comma-separated), and an empty value is no filter.
    expect(await walk('kind=clip&kind=friction', 10)).toEqual([clip, friction]);
    expect(await walk('tag=copy,slow', 10)).toEqual([clip, friction]);
    expect(await walk('tag=', 10)).toEqual([clip, friction, shot]);
  });

  const badQueries: Array<[string, string]> = [
    ['?limit=0', 'limit'],
    ['?limit=201', 'limit'],
    ['?limit=abc', 'limit'],
    ['?limit=1.5', 'limit'],
    ['?kind=video', 'kind.0'],
    ['?kind=clip,video', 'kind.1'],
    ['?tag=' + 'x'.repeat(41), 'tag.0'],
    ['?sort=random', 'sort'],
    ['?cursor=not-a-cursor', 'cursor'],
    [`?cursor=${Buffer.from('{"c":"2025-01-01T00:00:00Z","i":"nope"}').toString('base64url')}`, 'cursor'],
    [`?cursor=${'a'.repeat(201)}`, 'cursor'],
  ];
  for (const [query, param] of badQueries) {
    it(`400 naming ${param} for ${query.slice(0, 40)}`, async () => {
      const res = await getFeed(query);
      expect(res.status).toBe(400);
      const body = apiError.parse(await res.json());
      expect(body.error.code).toBe('invalid_request');
      expect(body.error.issues?.map((issue) => issue.path)).toContain(param);
    });
  }

  it('400 naming an unknown query parameter', async () => {
    const res = await getFeed('?colour=red');
    const body = apiError.parse(await res.json());
    expect(res.status).toBe(400);
    expect(body.error.message).toContain('colour');
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { hotspotFeedQuery, hotspotsResponse, onboardingResponse, timelineResponse, topResponse } from '#shared/insights';
import { feedPage } from '#shared/review';
import type { User } from '../../server/store/store';
import { addUser, API_PREFIX, authHeaders, makeTestApp, type TestApp } from './helpers';
import { storeCapture } from './insights-fixtures';

const NOW = new Date('2026-11-22T12:00:00.000Z');
const errorIssues = z.object({ error: z.object({ issues: z.array(z.object({ path: z.string(), message: z.string() })) }) });

let t: TestApp;
let admin: User;
beforeEach(async () => {
  t = await makeTestApp({ now: () => NOW });
  const me = await t.app.request(`${API_PREFIX}/me`, { headers: authHeaders(t.token) });
  const body = z.object({ user: z.object({ id: z.string(), name: z.string() }) }).parse(await me.json());
  admin = { ...body.user, role: 'admin' };
});
afterEach(async () => {
  await t.close();
});

async function get(path: string, token = t.token) {
  return t.app.request(`${API_PREFIX}${path}`, { headers: authHeaders(token) });
}

async function expectFieldError(path: string, field: string) {
  const response = await get(path);
  expect(response.status, path).toBe(400);
  const body = errorIssues.parse(await response.json());
  expect(body.error.issues.map((issue) => issue.path.split('.')[0]), path).toContain(field);
}

const ENDPOINTS = ['/insights/hotspots', '/insights/onboarding', '/insights/timeline', '/insights/top'] as const;

describe('insights routes', () => {
  it('need insights:read: guests are refused, members may', async () => {
    const guest = await addUser(t.store, 'Gus', 'guest');
    const member = await addUser(t.store, 'Mem', 'member');
    for (const path of ENDPOINTS) {
      expect((await get(path, guest.token)).status, path).toBe(403);
      expect((await get(path, member.token)).status, path).toBe(200);
      expect((await t.app.request(`${API_PREFIX}${path}`)).status, path).toBe(401);
    }
  });

  it('answer 400 naming the field for bad parameters', async () => {
    await expectFieldError('/insights/hotspots?groupBy=page', 'groupBy');
    await expectFieldError('/insights/hotspots?limit=101', 'limit');
    await expectFieldError('/insights/hotspots?status=open', 'status');
    await expectFieldError('/insights/hotspots?from=2026-11-20&to=2026-11-01', 'from');
    await expectFieldError('/insights/timeline?bucket=month', 'bucket');
    await expectFieldError('/insights/timeline?by=customer', 'by');
    await expectFieldError('/insights/timeline?bucket=day&from=2020-01-01', 'bucket');
    await expectFieldError('/insights/top?dimension=site', 'dimension');
    await expectFieldError('/insights/top?limit=51', 'limit');
    await expectFieldError('/insights/onboarding?unknown=1', '(query)');
  });

  it('default to the last 30 days in day buckets, and switch to weeks past 62 days', async () => {
    const body = hotspotsResponse.parse(await (await get('/insights/hotspots')).json());
    expect(body).toMatchObject({ from: '2026-10-23T12:00:00.000Z', to: '2026-11-22T12:00:00.000Z', bucket: 'day', hotspots: [] });
    expect(body.buckets).toHaveLength(31);
    expect(body.buckets[0]).toBe('2026-10-23');
    expect(body.buckets.at(-1)).toBe('2026-11-22');

    const long = hotspotsResponse.parse(await (await get('/insights/hotspots?from=2026-08-01&to=2026-11-01')).json());
    expect(long.bucket).toBe('week');
    expect(long.to).toBe('2026-11-01T23:59:59.999Z');
    expect(long.buckets[0]).toBe('2026-07-27');
    expect(long.buckets.every((day) => new Date(`${day}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
  });
});

describe('GET /insights/hotspots', () => {
  it('links each hot spot to a feed query that lists exactly its captures', async () => {
    const url = (account: number) => ({ url: `https://app.example.com/accounts/${account}/billing`, title: 'Billing' });
    for (const [day, account, tags] of [
      [18, 1, ['checkout']],
      [19, 2, ['checkout', 'mobile']],
      [20, 3, ['checkout']],
      [20, 4, []],
    ] as const) {
      await storeCapture(t.store, admin, { createdAt: `2026-11-${day}T10:00:00.000Z`, page: url(account), tags: [...tags] });
    }
    await storeCapture(t.store, admin, { createdAt: '2026-11-20T10:00:00.000Z', tags: ['checkout'] });

    const body = hotspotsResponse.parse(await (await get('/insights/hotspots?groupBy=route,tag&from=2026-11-15&to=2026-11-21')).json());
    expect(body.hotspots.map(({ route, tag, count }) => ({ route, tag, count }))).toEqual([
      { route: 'app.example.com/accounts/:id/billing', tag: 'checkout', count: 3 },
      { route: 'app.example.com/accounts/:id/billing', tag: null, count: 1 },
      { route: 'shop.example.com/checkout', tag: 'checkout', count: 1 },
      { route: 'app.example.com/accounts/:id/billing', tag: 'mobile', count: 1 },
    ]);
    const [top] = body.hotspots;
    if (top === undefined) throw new Error('no hot spot');
    expect(top.trend).toEqual([0, 0, 0, 1, 1, 1, 0]);

    const feed = feedPage.parse(await (await get(`/captures?${hotspotFeedQuery(top, body)}`)).json());
    expect(feed.items).toHaveLength(top.count);
    expect(feed.items[0]?.id).toBe(top.latestCaptureId);
  });
});

describe('GET /insights/onboarding, /insights/timeline, /insights/top', () => {
  it('answer in their schemas for the filtered range', async () => {
    const friction = (step: string, customer: string, day: number) =>
      storeCapture(t.store, admin, {
        createdAt: `2026-11-${day}T10:00:00.000Z`,
        kind: 'friction',
        annotations: [],
        tags: ['onboarding'],
        flow: { name: 'Onboarding', step },
        customer,
      });
    await friction('Sign up', 'Acme', 18);
    await friction('Invite', 'Acme', 19);
    await friction('Invite', 'Globex', 20);
    await storeCapture(t.store, admin, { createdAt: '2026-11-20T10:00:00.000Z', tags: ['slow'] });

    const onboarding = onboardingResponse.parse(await (await get('/insights/onboarding?kind=friction')).json());
    expect(onboarding.flows).toEqual([
      expect.objectContaining({ flow: 'Onboarding', captures: 3, customers: 2, worstStep: 'Invite' }),
    ]);
    expect(onboarding.flows[0]?.steps.map((step) => step.step)).toEqual(['Sign up', 'Invite']);

    const timeline = timelineResponse.parse(await (await get('/insights/timeline?by=tag&from=2026-11-18&to=2026-11-20')).json());
    expect(timeline).toMatchObject({ bucket: 'day', buckets: ['2026-11-18', '2026-11-19', '2026-11-20'] });
    expect(timeline.series).toEqual([
      { key: 'onboarding', counts: [1, 1, 1] },
      { key: 'slow', counts: [0, 0, 1] },
    ]);
    const weekly = timelineResponse.parse(await (await get('/insights/timeline?bucket=week&from=2026-11-18&to=2026-11-20')).json());
    expect(weekly.buckets).toEqual(['2026-11-16']);
    expect(weekly.series).toEqual([
      { key: 'screenshot', counts: [1] },
      { key: 'friction', counts: [3] },
    ]);

    const top = topResponse.parse(await (await get('/insights/top?dimension=customer&limit=1')).json());
    expect(top).toMatchObject({ dimension: 'customer', items: [{ key: 'acme', label: 'Acme', count: 2, customers: 1 }] });
  });
});

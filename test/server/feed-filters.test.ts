import { describe, expect, it } from 'vitest';
import { apiError } from '#shared/api';
import { feedPage } from '#shared/review';
import { postCapture, sampleCaptureInput } from './helpers';
import { useReviewApp } from './review-helpers';

const at = (minute: number) => new Date(Date.parse('2026-11-01T10:00:00.000Z') + minute * 60_000).toISOString();

describe('GET /api/v1/captures with filters', () => {
  const r = useReviewApp();

  it('applies every filter from the query string, lists repeated or comma-separated', async () => {
    // The server's clock dates a capture: it receives each one at the minute it claims.
    r.now = new Date(at(1));
    const billing = await r.capture({
      page: { url: 'https://app.example.com/accounts/8812/billing', title: 'Billing' },
      tags: ['billing'],
      severity: 'high',
      customer: 'Globex',
      createdAt: at(1),
    });
    r.now = new Date(at(2));
    const onboarding = await r.capture(
      {
        kind: 'friction',
        annotations: [],
        page: { url: 'https://app.example.com/welcome', title: 'Welcome' },
        tags: ['slow'],
        severity: 'low',
        flow: { name: 'Onboarding', step: 'Invite' },
        createdAt: at(2),
      },
      r.member,
    );
    expect(await r.feedIds('?tag=billing&tag=slow')).toEqual([onboarding, billing]);
    expect(await r.feedIds('?tag=billing,slow&severity=high')).toEqual([billing]);
    expect(await r.feedIds(`?reporter=${r.member.user.id}`)).toEqual([onboarding]);
    expect(await r.feedIds('?customer=GLOBEX')).toEqual([billing]);
    expect(await r.feedIds('?site=app.example.com&path=/accounts/*/billing')).toEqual([billing]);
    expect(await r.feedIds(`?route=${encodeURIComponent('app.example.com/accounts/:id/billing')}`)).toEqual([billing]);
    expect(await r.feedIds('?flow=Onboarding&step=Invite')).toEqual([onboarding]);
    expect(await r.feedIds('?from=2026-11-01&to=2026-11-01&kind=friction')).toEqual([onboarding]);
    expect(await r.feedIds('?to=2026-10-31')).toEqual([]);
    expect(await r.feedIds('?status=new&assignee=none')).toEqual([onboarding, billing]);
    expect(await r.feedIds('?sort=oldest')).toEqual([billing, onboarding]);
    expect(await r.feedIds('?sort=severity')).toEqual([billing, onboarding]);
  });

  it('answers each item with its triage state, counts and keys', async () => {
    const id = await r.capture({ page: { url: 'https://app.example.com/orders/12?x=1', title: 'Order' } });
    const res = await r.call('GET', '/captures', r.admin);
    const [item] = feedPage.parse(await res.json()).items;
    expect(item).toMatchObject({
      id,
      triage: { status: 'new', priority: null, assignee: null, mergedInto: null },
      counts: { comments: 0, duplicates: 0, reporters: 1, customers: 0 },
      routeKey: 'app.example.com/orders/:id',
      elementKey: null,
    });
  });

  const bad: Array<[string, string]> = [
    ['?status=open', 'status.0'],
    ['?priority=p1', 'priority.0'],
    ['?severity=meh', 'severity.0'],
    ['?from=yesterday', 'from'],
    ['?to=2026-02-30', 'to'],
    ['?to=9999-12-31', 'to'],
    ['?from=1969-12-31', 'from'],
    ['?from=9999-12-31T23:00:00-05:00', 'from'],
    ['?path=accounts', 'path'],
    ['?path=/**/a/**', 'path'],
    ['?includeMerged=maybe', 'includeMerged'],
    ['?sort=random', 'sort'],
    ['?q=' + 'x'.repeat(501), 'q'],
  ];
  for (const [query, field] of bad) {
    it(`400 naming ${field} for ${query.slice(0, 30)}`, async () => {
      const res = await r.call('GET', `/captures${query}`, r.admin);
      expect(res.status).toBe(400);
      const body = apiError.parse(await res.json());
      expect(body.error.issues?.map((issue) => issue.path)).toContain(field);
    });
  }

  it('orders and filters by when the server received a capture; the client\'s createdAt is only shown', async () => {
    r.now = new Date('2026-11-20T09:00:00.000Z');
    const claims9999 = await r.capture({ createdAt: '9999-01-01T00:00:00.000Z' });
    r.now = new Date('2026-11-21T09:00:00.000Z');
    const claims2001 = await r.capture({ createdAt: '2001-01-01T00:00:00.000Z' });
    r.now = new Date('2026-11-22T09:00:00.000Z');
    const honest = await r.capture({ createdAt: '2026-11-22T08:59:58.000Z' });

    expect(await r.feedIds('')).toEqual([honest, claims2001, claims9999]);
    expect(await r.feedIds('?sort=oldest')).toEqual([claims9999, claims2001, honest]);
    expect(await r.feedIds('?from=2026-11-21')).toEqual([honest, claims2001]);
    expect(await r.feedIds('?to=2026-11-20')).toEqual([claims9999]);
    expect(await r.feedIds('?to=2001-12-31')).toEqual([]);
    const items = feedPage.parse(await (await r.call('GET', '/captures', r.admin)).json()).items;
    expect(items.map((item) => [item.createdAt, item.receivedAt])).toEqual([
      ['2026-11-22T08:59:58.000Z', '2026-11-22T09:00:00.000Z'],
      ['2001-01-01T00:00:00.000Z', '2026-11-21T09:00:00.000Z'],
      ['9999-01-01T00:00:00.000Z', '2026-11-20T09:00:00.000Z'],
    ]);
  });

  it('refuses a capture dated where the server cannot compare it, naming createdAt', async () => {
    for (const createdAt of ['1969-12-31T23:59:59.000Z', '9999-12-31T23:00:00-05:00', '9999-12-31T12:00:00.000Z']) {
      const res = await postCapture({ app: r.app, token: r.admin.token }, sampleCaptureInput({ createdAt }));
      expect(res.status, createdAt).toBe(400);
      expect(apiError.parse(await res.json()).error.issues?.map((issue) => issue.path)).toEqual(['createdAt']);
    }
  });

  it('refuses a cursor of another sort with 400 naming cursor', async () => {
    for (let minute = 0; minute < 3; minute++) await r.capture({ createdAt: at(minute) });
    const first = feedPage.parse(await (await r.call('GET', '/captures?limit=1', r.admin)).json());
    expect(first.nextCursor).not.toBeNull();
    const res = await r.call('GET', `/captures?sort=oldest&cursor=${first.nextCursor}`, r.admin);
    expect(res.status).toBe(400);
    expect(apiError.parse(await res.json()).error.issues?.[0]?.path).toBe('cursor');
    const next = await r.call('GET', `/captures?limit=1&cursor=${first.nextCursor}`, r.admin);
    expect(next.status).toBe(200);
  });
});

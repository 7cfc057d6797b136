import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureInput, type CaptureInput, type ElementLocator } from '#shared/capture';
import { type BucketSize, TIMELINE_TOP_TAGS } from '#shared/insights';
import { type FeedFilter, feedFilter } from '#shared/review';
import { canonicalHash } from '../../server/canonical-json';
import { resolveRange } from '../../server/store/insights/range';
import type { Viewer } from '../../server/store/review/feed-filter';
import type { Store, User } from '../../server/store/store';
import { hashToken } from '../../server/auth/tokens';
import { createUserWithToken, sampleCaptureInput } from '../server/helpers';

/** A pinned element whose key is its test id. */
function pinned(testId: string, name: string): ElementLocator {
  const box = { x: 1, y: 2, width: 30, height: 10 };
  return { selector: `main > [data-testid="${testId}"]`, xpath: '/html/body/main/button', tagName: 'button', text: 'Go', name, viewportBox: box, documentBox: box };
}

/** What every Store's insights part must do, on SQLite and PostgreSQL alike. */
export function describeInsightConformance(name: string, open: () => Promise<Store>): void {
  describe(`Insights conformance: ${name}`, () => {
    let store: Store;
    let alice: User;
    let bob: User;
    let guest: User;
    let all: Viewer;
    const NOW = new Date('2026-11-22T12:00:00.000Z');

    beforeEach(async () => {
      store = await open();
      alice = await createUserWithToken(store, { name: 'Alice', role: 'admin', tokenHash: hashToken('alice'), tokenName: 't' });
      bob = await createUserWithToken(store, { name: 'Bob', role: 'member', tokenHash: hashToken('bob'), tokenName: 't' });
      guest = await createUserWithToken(store, { name: 'Gus', role: 'guest', tokenHash: hashToken('gus'), tokenName: 't' });
      all = { userId: alice.id, seesAll: true };
    });
    afterEach(async () => {
      await store.close();
    });

    async function capture(at: string, overrides: Partial<CaptureInput> = {}, reporter: User = alice): Promise<string> {
      const input = captureInput.parse(sampleCaptureInput({ createdAt: at, tags: [], ...overrides }));
      const result = await store.createCapture({
        input,
        inputHash: canonicalHash(input),
        reporter: { id: reporter.id, name: reporter.name },
        receivedAt: at,
      });
      if (result.status !== 'created') throw new Error(`expected created, got ${result.status}`);
      return result.capture.id;
    }

    /** A parsed feed filter over an explicit range, as the routes hand it to the store. */
    function ranged(query: Record<string, string>, bucket?: BucketSize) {
      const filter = feedFilter.parse(query);
      const resolved = resolveRange(filter, NOW, 30, bucket);
      if (!resolved.ok) throw new Error(resolved.message);
      const { range } = resolved;
      const withBounds: FeedFilter = { ...filter, from: range.from, to: range.to };
      return { filter: withBounds, bucket: range.bucket, buckets: range.buckets, range };
    }

    const billing = (account: number) => `https://app.example.com/accounts/${account}/billing?tab=${account}`;

    describe('hot spots', () => {
      it('groups by route, element and tag with distinct customers, reporters, a daily trend and the latest capture', async () => {
        await capture('2026-11-01T09:00:00.000Z', { page: { url: billing(1), title: 'Billing' }, tags: ['checkout'], customer: 'Globex', element: pinned('pay', 'Pay now') });
        await capture('2026-11-01T10:00:00.000Z', { page: { url: billing(2), title: 'Billing' }, tags: ['checkout'], customer: 'globex ', element: pinned('pay', 'Pay now') }, bob);
        const latest = await capture('2026-11-03T08:00:00.000Z', {
          page: { url: billing(3), title: 'Billing' },
          tags: ['checkout', 'mobile'],
          customer: 'Initech',
          element: pinned('pay', 'Pay now!'),
          comment: 'Still hidden',
        });
        await capture('2026-11-02T08:00:00.000Z', { page: { url: 'https://app.example.com/search', title: 'Search' } });

        const { filter, bucket, buckets } = ranged({ from: '2026-11-01', to: '2026-11-03' });
        expect(buckets).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
        const spots = await store.insights.hotspots({ filter, viewer: all, bucket, buckets, groupBy: ['route', 'element', 'tag'], limit: 50 });

        expect(spots).toEqual([
          {
            route: 'app.example.com/accounts/:id/billing',
            element: { key: '[data-testid="pay"]', label: 'Pay now!' },
            tag: 'checkout',
            count: 3,
            customers: 2,
            reporters: 2,
            trend: [2, 0, 1],
            direction: 'steady',
            latestCaptureId: latest,
            latestComment: 'Still hidden',
          },
          expect.objectContaining({ route: 'app.example.com/accounts/:id/billing', tag: 'mobile', count: 1, trend: [0, 0, 1], latestCaptureId: latest }),
          expect.objectContaining({ route: 'app.example.com/search', element: null, tag: null, count: 1, customers: 0, reporters: 1, trend: [0, 1, 0] }),
        ]);
      });

      it('counts each capture once when not grouped by tag, and honours the limit', async () => {
        for (const account of [1, 2, 3]) {
          await capture('2026-11-10T09:00:00.000Z', { page: { url: billing(account), title: 'B' }, tags: ['a', 'b'] });
        }
        await capture('2026-11-10T10:00:00.000Z', { page: { url: 'https://app.example.com/', title: 'Home' }, tags: ['a'] });
        const { filter, bucket, buckets } = ranged({ from: '2026-11-10', to: '2026-11-10' });
        const byRoute = await store.insights.hotspots({ filter, viewer: all, bucket, buckets, groupBy: ['route'], limit: 50 });
        expect(byRoute.map(({ route, element, tag, count }) => ({ route, element, tag, count }))).toEqual([
          { route: 'app.example.com/accounts/:id/billing', element: null, tag: null, count: 3 },
          { route: 'app.example.com/', element: null, tag: null, count: 1 },
        ]);
        const byTag = await store.insights.hotspots({ filter, viewer: all, bucket, buckets, groupBy: ['tag'], limit: 1 });
        expect(byTag.map(({ route, tag, count }) => ({ route, tag, count }))).toEqual([{ route: null, tag: 'a', count: 4 }]);
      });

      it('applies the feed filter: kinds, only the filtered tags, the range, and a guest sees only their own', async () => {
        await capture('2026-11-10T09:00:00.000Z', { tags: ['checkout', 'mobile'] });
        await capture('2026-11-10T09:00:00.000Z', { tags: ['checkout'], kind: 'friction', annotations: [] });
        await capture('2026-11-10T09:00:00.000Z', { tags: ['checkout'] }, guest);
        await capture('2026-10-01T09:00:00.000Z', { tags: ['checkout'] });

        const tagged = ranged({ from: '2026-11-01', to: '2026-11-30', tag: 'checkout', kind: 'screenshot' });
        const spots = await store.insights.hotspots({ ...tagged, viewer: all, groupBy: ['tag'], limit: 50 });
        expect(spots.map(({ tag, count }) => ({ tag, count }))).toEqual([{ tag: 'checkout', count: 2 }]);

        const guestOnly = await store.insights.hotspots({ ...tagged, viewer: { userId: guest.id, seesAll: false }, groupBy: ['tag'], limit: 50 });
        expect(guestOnly.map(({ tag, count }) => ({ tag, count }))).toEqual([{ tag: 'checkout', count: 1 }]);
      });

      it('cuts days at midnight UTC and weeks at Monday 00:00 UTC', async () => {
        // 2026-11-08 is a Sunday, 2026-11-09 a Monday.
        await capture('2026-11-08T23:59:59.999Z', { tags: ['x'] });
        await capture('2026-11-09T00:00:00.000Z', { tags: ['x'] });
        await capture('2026-11-15T23:59:59.999Z', { tags: ['x'] });
        await capture('2026-11-16T00:00:00.000Z', { tags: ['x'] });

        const days = ranged({ from: '2026-11-08', to: '2026-11-09' });
        const [daily] = await store.insights.hotspots({ ...days, viewer: all, groupBy: ['tag'], limit: 5 });
        expect(days.buckets).toEqual(['2026-11-08', '2026-11-09']);
        expect(daily?.trend).toEqual([1, 1]);

        const weeks = ranged({ from: '2026-11-08', to: '2026-11-16' }, 'week');
        expect(weeks.buckets).toEqual(['2026-11-02', '2026-11-09', '2026-11-16']);
        const [weekly] = await store.insights.hotspots({ ...weeks, viewer: all, groupBy: ['tag'], limit: 5 });
        expect(weekly?.trend).toEqual([1, 2, 1]);
        expect(weekly?.count).toBe(4);
      });
      it('counts long ranges (many buckets) in a second pass, with the same result', async () => {
        await capture('2026-01-01T00:00:00.000Z', { tags: ['x'] });
        await capture('2026-03-01T10:00:00.000Z', { tags: ['x'] });
        await capture('2026-03-01T23:59:59.999Z', { tags: ['x'] });
        const long = ranged({ from: '2026-01-01', to: '2026-05-31' }, 'day');
        expect(long.buckets).toHaveLength(151);
        const [spot] = await store.insights.hotspots({ ...long, viewer: all, groupBy: ['tag'], limit: 5 });
        const expected = new Array<number>(151).fill(0);
        expected[0] = 1;
        expected[59] = 2;
        expect(spot?.trend).toEqual(expected);
      });
    });

    describe('onboarding friction', () => {
      it('lists flows by captures and their steps in first-seen order, with the worst step', async () => {
        const step = (flowName: string, stepName: string | undefined, at: string, extra: Partial<CaptureInput> = {}, reporter: User = alice) =>
          capture(at, { kind: 'friction', annotations: [], flow: stepName === undefined ? { name: flowName } : { name: flowName, step: stepName }, ...extra }, reporter);
        await step('Onboarding', 'Sign up', '2026-11-02T09:00:00.000Z', { severity: 'low', customer: 'Acme' });
        await step('Onboarding', 'Invite', '2026-11-03T09:00:00.000Z', { severity: 'high', customer: 'Acme' });
        await step('Onboarding', 'Invite', '2026-11-04T09:00:00.000Z', { severity: 'critical', customer: 'Globex' }, bob);
        await step('Onboarding', 'Sign up', '2026-11-05T09:00:00.000Z', { severity: 'high', customer: 'Initech' });
        await step('Onboarding', undefined, '2026-11-05T10:00:00.000Z', { customer: 'Umbrella' });
        await step('Import', 'Upload', '2026-11-01T09:00:00.000Z');
        await capture('2026-11-05T09:00:00.000Z', { customer: 'No flow' });

        const { filter } = ranged({ from: '2026-11-01', to: '2026-11-30' });
        const flows = await store.insights.onboarding(filter, all);
        expect(flows).toEqual([
          {
            flow: 'Onboarding',
            captures: 5,
            customers: 4,
            // Two steps with two captures each; Invite was hit by two customers, Sign up by two as well, so the first seen wins.
            worstStep: 'Sign up',
            steps: [
              { step: 'Sign up', count: 2, customers: 2, reporters: 1, severity: { low: 1, medium: 0, high: 1, critical: 0 } },
              { step: 'Invite', count: 2, customers: 2, reporters: 2, severity: { low: 0, medium: 0, high: 1, critical: 1 } },
            ],
          },
          {
            flow: 'Import',
            captures: 1,
            customers: 0,
            worstStep: 'Upload',
            steps: [{ step: 'Upload', count: 1, customers: 0, reporters: 1, severity: { low: 0, medium: 0, high: 0, critical: 0 } }],
          },
        ]);
      });

      it('breaks a tie on captures by customers', async () => {
        const at = '2026-11-02T09:00:00.000Z';
        const friction = (stepName: string, customer: string) =>
          capture(at, { kind: 'friction', annotations: [], flow: { name: 'Checkout', step: stepName }, customer });
        await friction('Cart', 'Acme');
        await friction('Cart', 'Acme');
        await friction('Payment', 'Acme');
        await friction('Payment', 'Globex');
        const { filter } = ranged({ from: '2026-11-01', to: '2026-11-30' });
        const [checkout] = await store.insights.onboarding(filter, all);
        expect(checkout?.worstStep).toBe('Payment');
      });
    });

    describe('timeline', () => {
      it('counts captures per kind per bucket', async () => {
        await capture('2026-11-01T01:00:00.000Z');
        await capture('2026-11-01T02:00:00.000Z', { kind: 'friction', annotations: [] });
        await capture('2026-11-03T23:00:00.000Z');
        const request = ranged({ from: '2026-11-01', to: '2026-11-03' });
        const series = await store.insights.timeline({ ...request, viewer: all, by: 'kind' });
        expect(series).toEqual([
          { key: 'screenshot', counts: [1, 0, 1] },
          { key: 'friction', counts: [1, 0, 0] },
        ]);
      });

      it('keeps the top tags and adds up the rest as "other"', async () => {
        const tags = Array.from({ length: TIMELINE_TOP_TAGS + 2 }, (_, index) => `tag-${String(index).padStart(2, '0')}`);
        // tag-00 is used most, tag-09 least; the last two fall into "other".
        for (const [index, tag] of tags.entries()) {
          for (let i = 0; i < tags.length - index; i++) await capture('2026-11-02T10:00:00.000Z', { tags: [tag] });
        }
        const request = ranged({ from: '2026-11-01', to: '2026-11-02' });
        const series = await store.insights.timeline({ ...request, viewer: all, by: 'tag' });
        expect(series.map((s) => s.key)).toEqual([...tags.slice(0, TIMELINE_TOP_TAGS), 'other']);
        expect(series[0]).toEqual({ key: 'tag-00', counts: [0, 10] });
        expect(series.at(-1)).toEqual({ key: 'other', counts: [0, 2 + 1] });
      });
    });

    describe('top lists', () => {
      it('ranks pages by route with the latest title, customers by their latest spelling, reporters by name', async () => {
        await capture('2026-11-02T10:00:00.000Z', { page: { url: billing(1), title: 'Old title' }, customer: 'globex' });
        await capture('2026-11-03T10:00:00.000Z', { page: { url: billing(2), title: 'New title' }, customer: 'Globex' }, bob);
        await capture('2026-11-02T11:00:00.000Z', { page: { url: 'https://app.example.com/search', title: 'Search' }, customer: 'Acme' });
        const { filter } = ranged({ from: '2026-11-01', to: '2026-11-30' });

        expect(await store.insights.top({ filter, viewer: all, dimension: 'page', limit: 10 })).toEqual([
          { key: 'app.example.com/accounts/:id/billing', label: 'New title', count: 2, customers: 1 },
          { key: 'app.example.com/search', label: 'Search', count: 1, customers: 1 },
        ]);
        expect(await store.insights.top({ filter, viewer: all, dimension: 'customer', limit: 1 })).toEqual([
          { key: 'globex', label: 'Globex', count: 2, customers: 1 },
        ]);
        expect(await store.insights.top({ filter, viewer: all, dimension: 'reporter', limit: 10 })).toEqual([
          { key: alice.id, label: 'Alice', count: 2, customers: 2 },
          { key: bob.id, label: 'Bob', count: 1, customers: 1 },
        ]);
      });
    });

    describe('digest figures', () => {
      it('counts by kind and tag, open captures by status, and what was resolved in the range', async () => {
        const first = await capture('2026-11-02T10:00:00.000Z', { tags: ['slow'] });
        const second = await capture('2026-11-03T10:00:00.000Z', { tags: ['slow', 'error'] });
        const third = await capture('2026-11-04T10:00:00.000Z', { kind: 'friction', annotations: [], tags: [] });
        const actor = { id: alice.id, name: alice.name };
        await store.review.triage(first, { status: 'resolved' }, actor, all, '2026-11-05T10:00:00.000Z');
        await store.review.triage(second, { status: 'resolved' }, actor, all, '2026-10-01T10:00:00.000Z');
        await store.review.triage(third, { status: 'in_progress' }, actor, all, '2026-11-05T10:00:00.000Z');

        const { filter } = ranged({ from: '2026-11-01', to: '2026-11-07' });
        expect(await store.insights.countBy(filter, all, 'kind')).toEqual([
          { key: 'screenshot', count: 2 },
          { key: 'friction', count: 1 },
        ]);
        expect(await store.insights.countBy(filter, all, 'tag')).toEqual([
          { key: 'slow', count: 2 },
          { key: 'error', count: 1 },
        ]);
        // "Open now" and "resolved in the range" are about status, whatever the captures' dates.
        const { filter: lastWeek } = ranged({ from: '2026-11-20', to: '2026-11-21' });
        expect(await store.insights.statusCounts(lastWeek, all)).toEqual({ new: 0, triaged: 0, in_progress: 1, resolved: 2, wont_fix: 0, duplicate: 0 });

        const week = { from: '2026-11-01T00:00:00.000Z', to: '2026-11-07T23:59:59.999Z' };
        const resolved = await store.insights.resolvedBetween(week, lastWeek, all, 10);
        expect(resolved.total).toBe(1);
        expect(resolved.items).toEqual([
          { id: first, comment: expect.any(String), pageTitle: 'Checkout – Example Shop', routeKey: 'shop.example.com/checkout', resolvedAt: '2026-11-05T10:00:00.000Z' },
        ]);

        // The rest of the feed filter narrows both, as it narrows every other figure.
        const { filter: errors } = ranged({ tag: 'error' });
        expect(await store.insights.statusCounts(errors, all)).toEqual({ new: 0, triaged: 0, in_progress: 0, resolved: 1, wont_fix: 0, duplicate: 0 });
        expect((await store.insights.resolvedBetween(week, errors, all, 10)).total).toBe(0);
        const { filter: friction } = ranged({ kind: 'friction' });
        expect((await store.insights.statusCounts(friction, all)).in_progress).toBe(1);
        expect((await store.insights.resolvedBetween(week, friction, all, 10)).total).toBe(0);
      });

      it('leaves out captures merged into another unless asked', async () => {
        const target = await capture('2026-11-02T10:00:00.000Z', { tags: ['slow'] });
        const duplicate = await capture('2026-11-02T11:00:00.000Z', { tags: ['slow'] });
        await store.review.merge(target, [duplicate], { id: alice.id, name: alice.name }, all, '2026-11-03T00:00:00.000Z');
        const hidden = ranged({ from: '2026-11-01', to: '2026-11-07' });
        expect(await store.insights.countBy(hidden.filter, all, 'tag')).toEqual([{ key: 'slow', count: 1 }]);
        const shown = ranged({ from: '2026-11-01', to: '2026-11-07', includeMerged: 'true' });
        expect(await store.insights.countBy(shown.filter, all, 'tag')).toEqual([{ key: 'slow', count: 2 }]);
        expect((await store.insights.statusCounts(hidden.filter, all)).duplicate).toBe(0);
      });

      it("reads many captures' comments at once, oldest first", async () => {
        const one = await capture('2026-11-02T10:00:00.000Z');
        const two = await capture('2026-11-02T11:00:00.000Z');
        const author = { id: bob.id, name: bob.name };
        await store.review.addComment(one, 'second', author, all, '2026-11-03T10:00:00.000Z');
        await store.review.addComment(one, 'first', author, all, '2026-11-03T09:00:00.000Z');
        const comments = await store.insights.commentsOf([one, two]);
        expect(comments.get(one)?.map((comment) => [comment.body, comment.author.name])).toEqual([
          ['first', 'Bob'],
          ['second', 'Bob'],
        ]);
        expect(comments.has(two)).toBe(false);
      });
    });
  });
}

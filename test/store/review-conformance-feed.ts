import { describe, expect, it } from 'vitest';
import { captureInput } from '#shared/capture';
import { canonicalHash } from '../../server/canonical-json';
import type { Store } from '../../server/store/store';
import { sampleCaptureInput } from '../server/helpers';
import { minutesAfter, useReviewWorld } from './review-fixtures';

const T0 = '2026-11-01T10:00:00.000Z';

/** Every feed filter, visibility, and full-text search, on each engine. */
export function describeReviewFeedConformance(name: string, open: () => Promise<Store>): void {
  describe(`Review feed conformance: ${name}`, () => {
    const w = useReviewWorld(open);

    it('filters by kind, tag (any of), severity, flow and step', async () => {
      const a = await w.create({ kind: 'screenshot', tags: ['billing'], severity: 'high', createdAt: minutesAfter(T0, 1) });
      const b = await w.create({
        kind: 'friction',
        annotations: [],
        tags: ['slow', 'billing'],
        severity: 'low',
        flow: { name: 'Onboarding', step: 'Invite' },
        createdAt: minutesAfter(T0, 2),
      });
      const c = await w.create({ kind: 'clip', quote: 'x', annotations: [], tags: ['copy'], createdAt: minutesAfter(T0, 3) });
      expect(await w.walk({ kind: 'friction,clip' })).toEqual([c, b]);
      expect(await w.walk({ tag: ['copy', 'slow'] })).toEqual([c, b]);
      expect(await w.walk({ tag: 'BILLING' })).toEqual([b, a]);
      expect(await w.walk({ severity: 'high' })).toEqual([a]);
      expect(await w.walk({ severity: 'low,high', tag: 'slow' })).toEqual([b]);
      expect(await w.walk({ flow: 'Onboarding' })).toEqual([b]);
      expect(await w.walk({ flow: 'Onboarding', step: 'Other' })).toEqual([]);
      expect(await w.walk({ step: 'Invite' })).toEqual([b]);
    });

    it('filters by category; a text-only capture of kind friction counts as the category friction', async () => {
      const shot = await w.create({ category: 'friction', createdAt: minutesAfter(T0, 1) });
      const bug = await w.create({ category: 'bug', createdAt: minutesAfter(T0, 2) });
      const textOnly = await w.create({ kind: 'friction', annotations: [], createdAt: minutesAfter(T0, 3) });
      const clip = await w.create({ kind: 'clip', quote: 'x', annotations: [], category: 'friction', createdAt: minutesAfter(T0, 4) });
      await w.create({ createdAt: minutesAfter(T0, 5) });
      expect(await w.walk({ category: 'friction' })).toEqual([clip, textOnly, shot]);
      expect(await w.walk({ category: 'bug,friction', kind: 'screenshot' })).toEqual([bug, shot]);
    });

    it('filters by status, priority and assignee (id, me, none)', async () => {
      const a = await w.create({ createdAt: minutesAfter(T0, 1) });
      const b = await w.create({ createdAt: minutesAfter(T0, 2) });
      const c = await w.create({ createdAt: minutesAfter(T0, 3) });
      const at = minutesAfter(T0, 10);
      await w.store.review.triage(a, { status: 'triaged', priority: 'high', assigneeId: w.olga.id }, w.olga, w.everyone, at);
      await w.store.review.triage(b, { status: 'resolved', priority: 'low' }, w.olga, w.everyone, at);
      expect(await w.walk({ status: 'new' })).toEqual([c]);
      expect(await w.walk({ status: 'triaged,resolved' })).toEqual([b, a]);
      expect(await w.walk({ priority: 'high' })).toEqual([a]);
      expect(await w.walk({ assignee: w.olga.id })).toEqual([a]);
      expect(await w.walk({ assignee: 'me' }, { userId: w.olga.id, seesAll: true })).toEqual([a]);
      expect(await w.walk({ assignee: 'me' })).toEqual([]);
      expect(await w.walk({ assignee: 'none' })).toEqual([c, b]);
    });

    it('filters by reporter, customer (ignoring case), site, route and element', async () => {
      const a = await w.create({
        page: { url: 'https://App.Example.com/accounts/8812/billing?tab=1', title: 'Billing' },
        customer: 'Globex Corporation',
        element: {
          selector: 'main > [data-testid="pay-now"]',
          xpath: '/html/body/main/button',
          tagName: 'button',
          text: 'Pay now',
          viewportBox: { x: 0, y: 0, width: 10, height: 10 },
          documentBox: { x: 0, y: 0, width: 10, height: 10 },
        },
        createdAt: minutesAfter(T0, 1),
      });
      const b = await w.create(
        { page: { url: 'https://app.example.com/accounts/9907/billing', title: 'Billing' }, customer: 'GLOBEX corporation', createdAt: minutesAfter(T0, 2) },
        w.max,
      );
      const c = await w.create({ page: { url: 'https://other.example.org/', title: 'Home' }, createdAt: minutesAfter(T0, 3) }, w.gus);
      expect(await w.walk({ reporter: `${w.max.id},${w.gus.id}` })).toEqual([c, b]);
      expect(await w.walk({ customer: 'globex corporation' })).toEqual([b, a]);
      expect(await w.walk({ customer: 'Globex' })).toEqual([]);
      expect(await w.walk({ site: 'APP.example.com' })).toEqual([b, a]);
      expect(await w.walk({ route: 'app.example.com/accounts/:id/billing' })).toEqual([b, a]);
      expect(await w.walk({ route: 'other.example.org/' })).toEqual([c]);
      expect(await w.walk({ element: '[data-testid="pay-now"]' })).toEqual([a]);
      const [item] = await w.page({ element: '[data-testid="pay-now"]' });
      expect(item).toMatchObject({ routeKey: 'app.example.com/accounts/:id/billing', elementKey: '[data-testid="pay-now"]' });
    });

    it('matches path globs: * one segment, ** any number, * inside a segment', async () => {
      const url = (path: string) => ({ page: { url: `https://app.example.com${path}`, title: 't' } });
      const billing = await w.create({ ...url('/accounts/8812/billing'), createdAt: minutesAfter(T0, 1) });
      const deep = await w.create({ ...url('/accounts/8812/billing/invoices/7'), createdAt: minutesAfter(T0, 2) });
      const root = await w.create({ ...url('/'), createdAt: minutesAfter(T0, 3) });
      const docs = await w.create({ ...url('/docs/getting-started/'), createdAt: minutesAfter(T0, 4) });
      const invoice = await w.create({ ...url('/invoices/inv-2024_01'), createdAt: minutesAfter(T0, 5) });
      expect(await w.walk({ path: '/accounts/*/billing' })).toEqual([billing]);
      expect(await w.walk({ path: '/accounts/**' })).toEqual([deep, billing]);
      expect(await w.walk({ path: '/accounts/**/7' })).toEqual([deep]);
      expect(await w.walk({ path: '/**/billing' })).toEqual([billing]);
      expect(await w.walk({ path: '/**' })).toEqual([invoice, docs, root, deep, billing]);
      expect(await w.walk({ path: '/' })).toEqual([root]);
      expect(await w.walk({ path: '/docs/getting-started' })).toEqual([docs]);
      expect(await w.walk({ path: '/*/*' })).toEqual([invoice, docs]);
      expect(await w.walk({ path: '/invoices/inv-*' })).toEqual([invoice]);
      // _ and % are literal characters, not wildcards.
      expect(await w.walk({ path: '/invoices/inv-2024_*' })).toEqual([invoice]);
      expect(await w.walk({ path: '/invoices/inv-2024%' })).toEqual([]);
      expect(await w.walk({ path: '/Accounts/*/billing' })).toEqual([]);
    });

    it("orders, pages and filters by the server's receive time; the client's createdAt is only read back", async () => {
      const received = async (receivedAt: string, createdAt: string) => {
        const input = captureInput.parse(sampleCaptureInput({ createdAt }));
        const result = await w.store.createCapture({ input, inputHash: canonicalHash(input), reporter: { id: w.ada.id, name: w.ada.name }, receivedAt });
        if (result.status !== 'created') throw new Error(result.status);
        expect(result.capture.createdAt).toBe(new Date(createdAt).toISOString());
        return input.id;
      };
      const future = await received(minutesAfter(T0, 1), '9999-01-01T00:00:00.000Z');
      const past = await received(minutesAfter(T0, 2), '2001-01-01T00:00:00+02:00');
      // One tag walks capture_tags' own copy of the time.
      expect(await w.walk({ tag: 'checkout', limit: '1' })).toEqual([past, future]);
      expect(await w.walk({ limit: '1' })).toEqual([past, future]);
      expect(await w.walk({ sort: 'oldest', limit: '1' })).toEqual([future, past]);
      expect(await w.walk({ from: minutesAfter(T0, 2) })).toEqual([past]);
      expect(await w.walk({ to: '2001-12-31' })).toEqual([]);
      expect((await w.page()).map((item) => item.createdAt)).toEqual(['2000-12-31T22:00:00.000Z', '9999-01-01T00:00:00.000Z']);
      expect((await w.store.getCapture(past))?.createdAt).toBe('2000-12-31T22:00:00.000Z');
    });

    it('filters by time: a date to includes its whole day (UTC), date-times are exact', async () => {
      const before = await w.create({ createdAt: '2026-10-31T23:59:59.999Z' });
      const first = await w.create({ createdAt: '2026-11-01T00:00:00.000Z' });
      const late = await w.create({ createdAt: '2026-11-02T23:59:59.999Z' });
      const after = await w.create({ createdAt: '2026-11-03T00:00:00.000Z' });
      expect(await w.walk({ from: '2026-11-01', to: '2026-11-02' })).toEqual([late, first]);
      expect(await w.walk({ from: '2026-11-01T01:00:00+01:00' })).toEqual([after, late, first]);
      expect(await w.walk({ to: '2026-11-02T23:59:59.999Z' })).toEqual([late, first, before]);
      expect(await w.walk({ to: '2026-10-31' })).toEqual([before]);
    });

    it('hides unpublished captures and, unless asked, merged ones', async () => {
      const target = await w.create({ createdAt: minutesAfter(T0, 1) });
      const duplicate = await w.create({ createdAt: minutesAfter(T0, 2) });
      await w.create({
        createdAt: minutesAfter(T0, 3),
        screenshot: { contentType: 'image/png', bytes: 10, sha256: 'a'.repeat(64) },
      });
      await w.store.review.merge(target, [duplicate], w.olga, w.everyone, minutesAfter(T0, 10));
      expect(await w.walk({})).toEqual([target]);
      expect(await w.walk({ includeMerged: 'true' })).toEqual([duplicate, target]);
      expect(await w.walk({ status: 'duplicate', includeMerged: 'true' })).toEqual([duplicate]);
    });

    it('shows a viewer who does not see everyone only their own captures, whatever the filter', async () => {
      const mine = await w.create({ createdAt: minutesAfter(T0, 1) }, w.gus);
      const theirs = await w.create({ createdAt: minutesAfter(T0, 2) }, w.max);
      const guest = { userId: w.gus.id, seesAll: false };
      expect(await w.walk({}, guest)).toEqual([mine]);
      expect(await w.walk({ reporter: w.max.id }, guest)).toEqual([]);
      expect(await w.store.review.getDetail(theirs, guest)).toBeNull();
      expect(await w.store.review.getReviewed(mine, guest)).toMatchObject({ id: mine });
      expect(await w.store.review.reviewedCaptures([theirs, mine], guest)).toHaveLength(1);
      expect(await w.store.review.listComments(theirs, guest)).toBeNull();
      expect(await w.store.review.history(theirs, guest)).toBeNull();
      expect(await w.store.review.addComment(theirs, 'hi', w.gus, guest, T0)).toBeNull();
    });
  });
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureInput, type CaptureInput, type ScreenshotInfo } from '#shared/capture';
import { feedQuery, savedViewInput } from '#shared/review';
import { canonicalHash } from '../../server/canonical-json';
import type { Viewer } from '../../server/store/review/feed-filter';
import type { Store, User } from '../../server/store/store';
import { hashToken } from '../../server/auth/tokens';
import { sampleCaptureInput } from '../server/helpers';
import { createUserWithToken } from '../server/helpers';

const sha = (digit: string): string => digit.repeat(64);
const png = (digit: string): ScreenshotInfo => ({ contentType: 'image/png', bytes: 100, sha256: sha(digit) });

/** What every Store's data-control part must do, on SQLite and PostgreSQL alike. */
export function describeDataControlConformance(name: string, open: () => Promise<Store>): void {
  describe(`Data control conformance: ${name}`, () => {
    let store: Store;
    let alice: User;
    let bob: User;
    let admin: { id: string; name: string };
    let everyone: Viewer;

    async function create(overrides: Partial<CaptureInput> = {}, reporter: User = alice) {
      const input = captureInput.parse(sampleCaptureInput(overrides));
      const result = await store.createCapture({
        input,
        inputHash: canonicalHash(input),
        reporter: { id: reporter.id, name: reporter.name },
        receivedAt: input.createdAt,
      });
      if (result.status !== 'created') throw new Error(`expected created, got ${result.status}`);
      return result.capture;
    }

    async function withScreenshot(digit: string, overrides: Partial<CaptureInput> = {}, reporter: User = alice) {
      const capture = await create(overrides, reporter);
      const attached = await store.attachScreenshot(capture.id, png(digit));
      if (attached.status !== 'attached') throw new Error(`expected attached, got ${attached.status}`);
      return capture;
    }

    async function feedIds(query: Record<string, string> = {}): Promise<string[]> {
      const result = await store.review.listFeed(feedQuery.parse({ includeMerged: 'true', limit: '200', ...query }), everyone);
      if (!result.ok) throw new Error(result.message);
      return result.page.items.map((item) => item.id);
    }

    async function auditEntries(action: 'capture.deleted' | 'data.deleted_by_reporter' | 'data.deleted_by_customer' | 'retention.changed') {
      return (await store.audit.list({ action, limit: 100 })).entries;
    }

    beforeEach(async () => {
      store = await open();
      alice = await createUserWithToken(store, { name: 'Alice', role: 'member', tokenHash: hashToken('alice'), tokenName: 't' });
      bob = await createUserWithToken(store, { name: 'Bob', role: 'member', tokenHash: hashToken('bob'), tokenName: 't' });
      const boss = await createUserWithToken(store, { name: 'Boss', role: 'admin', tokenHash: hashToken('boss'), tokenName: 't' });
      admin = { id: boss.id, name: boss.name };
      everyone = { userId: boss.id, seesAll: true };
    });
    afterEach(async () => {
      await store.close();
    });

    describe('deleteCapture', () => {
      it('removes the capture and everything that references it, and audits it in the same transaction', async () => {
        const doomed = await withScreenshot('a', { comment: 'zebra crossing is broken', tags: ['checkout', 'zebra'] });
        const kept = await create({ comment: 'zebra stripes elsewhere', tags: ['checkout'] });
        // Review rows that reference the capture: a comment, history, and a duplicate merged into it.
        expect(await store.review.addComment(doomed.id, 'seen it', admin, everyone, '2026-11-01T10:00:00.000Z')).not.toBeNull();
        expect((await store.review.triage(doomed.id, { status: 'triaged', priority: 'high' }, admin, everyone, '2026-11-01T10:01:00.000Z')).status).toBe(
          'updated',
        );
        expect((await store.review.merge(doomed.id, [kept.id], admin, everyone, '2026-11-01T10:02:00.000Z')).status).toBe('merged');
        expect(await feedIds({ q: 'zebra' })).toHaveLength(2);

        const result = await store.dataControl.deleteCapture(doomed.id, { actor: admin, ip: '10.0.0.9', at: '2026-11-02T00:00:00.000Z' });
        expect(result).toEqual({ deleted: [{ id: doomed.id, reporterId: alice.id }], unreferencedScreenshots: [sha('a')] });

        expect(await store.getCapture(doomed.id)).toBeNull();
        expect(await store.findScreenshotTarget(doomed.id)).toBeNull();
        expect(await store.review.listComments(doomed.id, everyone)).toBeNull();
        expect(await store.review.history(doomed.id, everyone)).toBeNull();
        // Gone from full-text search and from the tag feed; the survivor is no longer merged into nothing.
        expect(await feedIds({ q: 'zebra' })).toEqual([kept.id]);
        expect(await feedIds({ tag: 'zebra' })).toEqual([]);
        expect(await feedIds({ tag: 'checkout' })).toEqual([kept.id]);
        const survivor = await store.review.getReviewed(kept.id, everyone);
        expect(survivor?.triage.mergedInto).toBeNull();

        const [entry] = await auditEntries('capture.deleted');
        expect(entry).toMatchObject({ actor: admin, target: doomed.id, ip: '10.0.0.9', at: '2026-11-02T00:00:00.000Z', details: { count: 1 } });
      });

      it('answers nothing deleted, and audits nothing, for an unknown id', async () => {
        const result = await store.dataControl.deleteCapture('01900000-0000-7000-8000-000000000000', { actor: admin });
        expect(result).toEqual({ deleted: [], unreferencedScreenshots: [] });
        expect(await auditEntries('capture.deleted')).toEqual([]);
      });

      it('deletes unpublished captures too (their announced screenshot never came)', async () => {
        const pending = await create({ screenshot: png('d') });
        expect(await store.getCapture(pending.id)).toBeNull();
        const result = await store.dataControl.deleteCapture(pending.id, { actor: admin });
        expect(result.deleted.map((capture) => capture.id)).toEqual([pending.id]);
        // A file may already sit on disk if the upload got that far.
        expect(result.unreferencedScreenshots).toEqual([sha('d')]);
      });

      it('keeps a screenshot file while another capture still uses the same bytes', async () => {
        const first = await withScreenshot('b');
        const second = await withScreenshot('b', {}, bob);
        const announced = await create({ screenshot: png('c') });
        const sameBytesAnnounced = await withScreenshot('c');
        expect((await store.dataControl.deleteCapture(first.id, { actor: admin })).unreferencedScreenshots).toEqual([]);
        expect((await store.dataControl.deleteCapture(second.id, { actor: admin })).unreferencedScreenshots).toEqual([sha('b')]);
        // An upload on its way for another capture counts as a use.
        expect((await store.dataControl.deleteCapture(sameBytesAnnounced.id, { actor: admin })).unreferencedScreenshots).toEqual([]);
        expect((await store.dataControl.deleteCapture(announced.id, { actor: admin })).unreferencedScreenshots).toEqual([sha('c')]);
      });

      it('keeps customer suggestions true: a count goes down, a customer no capture names goes away', async () => {
        const one = await create({ customer: 'Globex' });
        await create({ customer: 'globex ' });
        const initech = await create({ customer: 'Initech' });
        await store.dataControl.deleteCapture(one.id, { actor: admin });
        await store.dataControl.deleteCapture(initech.id, { actor: admin });
        const suggestions = await store.suggestCustomers({ prefix: '', limit: 10 });
        expect(suggestions.map(({ name, captures }) => ({ name, captures }))).toEqual([{ name: 'globex', captures: 1 }]);
      });
    });

    describe('deleteByReporter', () => {
      it('deletes every capture of that person, and only theirs, in one audited transaction', async () => {
        const shared = await withScreenshot('3', {}, bob);
        const mine = [await withScreenshot('1'), await create(), await create({ screenshot: png('2') }), await withScreenshot('3')];
        const theirs = await create({}, bob);
        const result = await store.dataControl.deleteByReporter(alice.id, { actor: admin, at: '2026-11-03T00:00:00.000Z' });
        expect(result?.deleted.map((capture) => capture.id).sort()).toEqual(mine.map((capture) => capture.id).sort());
        expect(result?.deleted.every((capture) => capture.reporterId === alice.id)).toBe(true);
        // Bob's capture still uses '3'.
        expect(result?.unreferencedScreenshots.sort()).toEqual([sha('1'), sha('2')]);
        expect((await feedIds()).sort()).toEqual([shared.id, theirs.id].sort());
        expect((await auditEntries('data.deleted_by_reporter'))[0]).toMatchObject({ actor: admin, target: alice.id, details: { count: 4 } });
      });

      it('answers null for someone who does not exist, and 0 for someone without captures', async () => {
        expect(await store.dataControl.deleteByReporter('no-such-user', { actor: admin })).toBeNull();
        expect(await store.dataControl.deleteByReporter(bob.id, { actor: admin })).toEqual({ deleted: [], unreferencedScreenshots: [] });
        expect((await auditEntries('data.deleted_by_reporter'))[0]).toMatchObject({ target: bob.id, details: { count: 0 } });
      });
    });

    describe('deleteByCustomer', () => {
      it('deletes every capture about the customer whatever the case, and the suggestion', async () => {
        const about = [
          await create({ customer: 'Ærø Shipping' }),
          await create({ customer: 'ærø shipping' }, bob),
          await withScreenshot('e', { customer: ' ÆRØ SHIPPING ' }),
        ];
        const other = await create({ customer: 'Ærø Shipping Ltd' });
        const none = await create();
        const result = await store.dataControl.deleteByCustomer('  ærø SHIPPING', { actor: admin });
        expect(result.deleted.map((capture) => capture.id).sort()).toEqual(about.map((capture) => capture.id).sort());
        expect(result.unreferencedScreenshots).toEqual([sha('e')]);
        expect((await feedIds()).sort()).toEqual([other.id, none.id].sort());
        const names = (await store.suggestCustomers({ prefix: 'ærø', limit: 10 })).map((suggestion) => suggestion.name);
        expect(names).toEqual(['Ærø Shipping Ltd']);
        expect((await auditEntries('data.deleted_by_customer'))[0]).toMatchObject({ target: null, details: { count: 3 } });
      });
    });

    describe('screenshot erasure journal', () => {
      it('journals the files a deletion leaves unused in its transaction, until they are cleared', async () => {
        const shared = await withScreenshot('5');
        await withScreenshot('5', {}, bob);
        await withScreenshot('6', { customer: 'Globex' });
        await create({ customer: 'Globex', screenshot: png('7') });
        await withScreenshot('8');
        expect(await store.dataControl.pendingScreenshotErasures(10)).toEqual([]);

        await store.dataControl.deleteCapture(shared.id, { actor: admin });
        const result = await store.dataControl.deleteByCustomer('globex', { actor: admin });
        expect(result.unreferencedScreenshots.sort()).toEqual([sha('6'), sha('7')]);
        // '5' is still Bob's, so it is not journaled.
        expect((await store.dataControl.pendingScreenshotErasures(10)).sort()).toEqual([sha('6'), sha('7')]);
        expect(await store.dataControl.pendingScreenshotErasures(1)).toHaveLength(1);

        await store.dataControl.clearScreenshotErasures([sha('6')]);
        expect(await store.dataControl.pendingScreenshotErasures(10)).toEqual([sha('7')]);
        await store.dataControl.clearScreenshotErasures([sha('7'), sha('9')]);
        expect(await store.dataControl.pendingScreenshotErasures(10)).toEqual([]);
      });

      it('tells which files captures still use, attached or announced (an upload on its way)', async () => {
        await withScreenshot('1');
        await create({ screenshot: png('2') });
        const inUse = await store.dataControl.screenshotsInUse([sha('1'), sha('2'), sha('3')]);
        expect([...inUse].sort()).toEqual([sha('1'), sha('2')]);
        expect(await store.dataControl.screenshotsInUse([])).toEqual(new Set());
        // A second capture taking the same bytes after a deletion makes the journaled file in use again.
        const first = await withScreenshot('3');
        await store.dataControl.deleteCapture(first.id, { actor: admin });
        expect(await store.dataControl.pendingScreenshotErasures(10)).toEqual([sha('3')]);
        await withScreenshot('3', {}, bob);
        expect(await store.dataControl.screenshotsInUse([sha('3')])).toEqual(new Set([sha('3')]));
      });
    });

    describe('erasure leaves no trace of the customer or the person', () => {
      it('removes saved views that name the erased customer (filter, search words or name), and keeps its name out of the audit log', async () => {
        await create({ customer: 'Globex' });
        const view = (name: string, query: string, owner: User = alice, shared = false) =>
          store.review.createView(owner, savedViewInput.parse({ name, query, shared }), '2026-11-01T00:00:00.000Z');
        await view('Their open bugs', 'customer=GLOBEX%20&status=new');
        await view('Search', 'q=checkout%20globex', bob, true);
        await view('Globex escalations', 'priority=urgent', bob);
        const keptViews = [
          await view('Initech', 'customer=Initech'),
          await view('Globexxy look-alike', 'q=globexxy'),
          await view('Everything new', 'status=new', bob, true),
        ];

        const result = await store.dataControl.deleteByCustomer(' globex', { actor: admin });
        expect(result.deleted).toHaveLength(1);
        const left = [...(await store.review.listViews(alice.id, { includeShared: true })), ...(await store.review.listViews(bob.id, { includeShared: true }))];
        expect([...new Set(left.map((saved) => saved.id))].sort()).toEqual(keptViews.map((saved) => saved.id).sort());

        const [entry] = await auditEntries('data.deleted_by_customer');
        expect(entry).toMatchObject({ actor: admin, target: null, details: { count: 1, views: 3 } });
        const everything = await store.audit.list({ limit: 100 });
        expect(JSON.stringify(everything).toLowerCase()).not.toContain('globex');
      });

      it('deletes the person’s comments on other people’s captures with their history entries, and keeps everyone else’s', async () => {
        const bobs = await create({}, bob);
        const alices = await create();
        const aliceActor = { id: alice.id, name: alice.name };
        await store.review.addComment(bobs.id, 'Alice was here: call me on 555-0100', aliceActor, everyone, '2026-11-01T10:00:00.000Z');
        await store.review.addComment(bobs.id, 'Bob answers', { id: bob.id, name: bob.name }, everyone, '2026-11-01T10:01:00.000Z');
        await store.review.addComment(bobs.id, 'Boss notes', admin, everyone, '2026-11-01T10:02:00.000Z');
        await store.review.triage(bobs.id, { status: 'triaged' }, aliceActor, everyone, '2026-11-01T10:03:00.000Z');

        const result = await store.dataControl.deleteByReporter(alice.id, { actor: admin });
        expect(result?.deleted.map((capture) => capture.id)).toEqual([alices.id]);

        const comments = await store.review.listComments(bobs.id, everyone);
        expect(comments?.map((comment) => comment.body)).toEqual(['Bob answers', 'Boss notes']);
        const history = await store.review.history(bobs.id, everyone);
        // Her triage change stays (an id and a status); her comment's entry goes with the comment.
        expect(history?.map((event) => [event.type, event.actor?.id ?? null])).toEqual([
          ['created', bob.id],
          ['comment', bob.id],
          ['comment', admin.id],
          ['status', alice.id],
        ]);
        expect((await auditEntries('data.deleted_by_reporter'))[0]).toMatchObject({ target: alice.id, details: { count: 1, comments: 1 } });
      });
    });

    describe('deleteCreatedBefore', () => {
      it('deletes the oldest captures before the cutoff, at most `limit` at a time', async () => {
        const old = [];
        for (const day of ['01', '02', '03']) old.push(await create({ createdAt: `2026-01-${day}T00:00:00.000Z` }));
        const recent = await create({ createdAt: '2026-06-01T00:00:00.000Z' });
        const first = await store.dataControl.deleteCreatedBefore('2026-03-01T00:00:00.000Z', 2);
        expect(first.deleted.map((capture) => capture.id).sort()).toEqual([old[0]?.id, old[1]?.id].sort());
        const second = await store.dataControl.deleteCreatedBefore('2026-03-01T00:00:00.000Z', 2);
        expect(second.deleted.map((capture) => capture.id)).toEqual([old[2]?.id]);
        expect((await store.dataControl.deleteCreatedBefore('2026-03-01T00:00:00.000Z', 2)).deleted).toEqual([]);
        expect(await feedIds()).toEqual([recent.id]);
      });
    });

    describe('settings', () => {
      it('keeps captures forever until told otherwise, and audits each change of retention', async () => {
        expect(await store.dataControl.getSettings()).toEqual({ retentionDays: null });
        const change = await store.dataControl.updateSettings({ retentionDays: 90 }, { actor: admin, at: '2026-11-01T00:00:00.000Z' });
        expect(change).toEqual({ previous: { retentionDays: null }, current: { retentionDays: 90 } });
        expect(await store.dataControl.getSettings()).toEqual({ retentionDays: 90 });
        await store.dataControl.updateSettings({ retentionDays: 90 }, { actor: admin, at: '2026-11-02T00:00:00.000Z' });
        await store.dataControl.updateSettings({ retentionDays: null }, { actor: admin, at: '2026-11-03T00:00:00.000Z' });
        expect(await store.dataControl.getSettings()).toEqual({ retentionDays: null });
        const entries = await auditEntries('retention.changed');
        expect(entries.map((entry) => entry.details)).toEqual([
          { from: 90, to: null },
          { from: null, to: 90 },
        ]);
      });

      it('refuses a retention out of range and changes nothing', async () => {
        for (const retentionDays of [0, 3651, 1.5]) {
          await expect(store.dataControl.updateSettings({ retentionDays }, { actor: admin, at: '2026-11-01T00:00:00.000Z' })).rejects.toThrow();
        }
        expect(await store.dataControl.getSettings()).toEqual({ retentionDays: null });
      });
    });
  });
}

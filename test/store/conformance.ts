import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { capture as captureSchema, captureInput, type CaptureInput, type ScreenshotInfo } from '#shared/capture';
import { canonicalHash } from '../../server/canonical-json';
import type { NewCapture } from '../../server/store/captures/store';
import type { Store, User } from '../../server/store/store';
import { hashToken } from '../../server/auth/tokens';
import { createUserWithToken, detailedCaptureFields, detailedClipFields, sampleCaptureInput, wholeFeedPage } from '../server/helpers';

/**
 * What every Store implementation must do. Run it against each one:
 *   describeStoreConformance('sqlite', () => openSqliteStore(tempFile()))
 * `open` must return a fresh, empty, migrated store each time.
 */
export function describeStoreConformance(name: string, open: () => Promise<Store>): void {
  describe(`Store conformance: ${name}`, () => {
    let store: Store;
    let alice: User;
    let bob: User;

    function newCapture(input: CaptureInput, reporter: User = alice): NewCapture {
      const parsed = captureInput.parse(input);
      return {
        input: parsed,
        inputHash: canonicalHash(parsed),
        reporter: { id: reporter.id, name: reporter.name },
        receivedAt: parsed.createdAt,
      };
    }

    async function create(overrides: Partial<CaptureInput> = {}, reporter: User = alice) {
      const result = await store.createCapture(newCapture(sampleCaptureInput(overrides), reporter));
      if (result.status !== 'created') throw new Error(`expected created, got ${result.status}`);
      return result.capture;
    }

    async function listAll(query: { kind?: 'screenshot' | 'clip' | 'friction'; tag?: string }, limit: number) {
      const ids: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 100; pages++) {
        const result = await wholeFeedPage(store, { ...query, cursor, limit });
        if (!result.ok) throw new Error(result.message);
        expect(result.page.items.length).toBeLessThanOrEqual(limit);
        ids.push(...result.page.items.map((item) => item.id));
        if (result.page.nextCursor === null) return ids;
        cursor = result.page.nextCursor;
      }
      throw new Error('pagination did not end');
    }

    beforeEach(async () => {
      store = await open();
      alice = await createUserWithToken(store, { name: 'Alice', role: 'admin', tokenHash: hashToken('alice-token'), tokenName: 't' });
      bob = await createUserWithToken(store, { name: 'Bob', role: 'member', tokenHash: hashToken('bob-token'), tokenName: 't' });
    });
    afterEach(async () => {
      await store.close();
    });

    describe('createCapture', () => {
      it('stores a capture and returns it in wire shape, reporter from the caller', async () => {
        const input = sampleCaptureInput({ tags: [' Checkout ', 'checkout', 'UI'] });
        const result = await store.createCapture(newCapture(input, bob));
        expect(result.status).toBe('created');
        const stored = captureSchema.parse(result.capture);
        expect(stored).toMatchObject({
          id: input.id,
          kind: input.kind,
          page: input.page,
          comment: input.comment,
          tags: ['checkout', 'ui'],
          annotations: input.annotations,
          environment: input.environment,
          reporter: { id: bob.id, name: 'Bob' },
          screenshot: null,
        });
        expect(stored).not.toHaveProperty('quote');
        expect(await store.getCapture(input.id)).toEqual(stored);
      });

      it('keeps a clip quote', async () => {
        const stored = await create({ kind: 'clip', quote: 'Totally free*', tags: [] });
        expect(stored.quote).toBe('Totally free*');
        expect((await store.getCapture(stored.id))?.quote).toBe('Totally free*');
      });

      it('stores createdAt as UTC so the feed sorts by real time', async () => {
        const stored = await create({ createdAt: '2025-03-01T12:00:00+02:00' });
        expect(stored.createdAt).toBe('2025-03-01T10:00:00.000Z');
      });

      it('answers a retry of the same capture with the stored record and stores nothing new', async () => {
        const input = sampleCaptureInput();
        const first = await store.createCapture(newCapture(input));
        const again = await store.createCapture(newCapture({ ...input }));
        expect(again).toEqual({ status: 'existing', capture: first.capture });
        expect(await listAll({}, 50)).toEqual([input.id]);
      });

      it('reports a conflict when the id is reused for a different body, keeping the original', async () => {
        const input = sampleCaptureInput();
        const first = await store.createCapture(newCapture(input));
        const other = await store.createCapture(newCapture({ ...input, comment: 'something else', tags: ['other'] }));
        expect(other).toEqual({ status: 'conflict', capture: first.capture });
        expect(await store.getCapture(input.id)).toEqual(first.capture);
        expect(await listAll({ tag: 'other' }, 50)).toEqual([]);
      });

      it('reports a conflict when someone else reuses the id with the same body', async () => {
        const input = sampleCaptureInput();
        await store.createCapture(newCapture(input, alice));
        expect((await store.createCapture(newCapture(input, bob))).status).toBe('conflict');
      });

      it('rejects a reporter that does not exist and leaves nothing behind', async () => {
        const input = sampleCaptureInput();
        const ghost: User = { id: 'no-such-user', name: 'Ghost', role: 'member' };
        await expect(store.createCapture(newCapture(input, ghost))).rejects.toThrow();
        expect(await store.getCapture(input.id)).toBeNull();
        expect(await listAll({ tag: 'checkout' }, 50)).toEqual([]);
      });

      it('keeps simultaneous writes independent: a failing one does not fail the rest', async () => {
        const good = Array.from({ length: 10 }, () => sampleCaptureInput());
        const ghost: User = { id: 'no-such-user', name: 'Ghost', role: 'member' };
        const results = await Promise.allSettled([
          ...good.slice(0, 5).map((input) => store.createCapture(newCapture(input))),
          store.createCapture(newCapture(sampleCaptureInput(), ghost)),
          ...good.slice(5).map((input) => store.createCapture(newCapture(input))),
        ]);
        expect(results.map((result) => result.status)).toEqual([...Array(5).fill('fulfilled'), 'rejected', ...Array(5).fill('fulfilled')]);
        expect((await listAll({}, 50)).sort()).toEqual(good.map((input) => input.id).sort());
      });

      it('treats the same capture sent twice at once as one create and one retry', async () => {
        const input = sampleCaptureInput();
        const results = await Promise.all([store.createCapture(newCapture(input)), store.createCapture(newCapture(input))]);
        expect(results.map((result) => result.status).sort()).toEqual(['created', 'existing']);
        expect(await listAll({}, 50)).toEqual([input.id]);
      });

      it('keeps classification, customer, flow, pinned element and diagnostics, and reads them back', async () => {
        const input = sampleCaptureInput(detailedCaptureFields());
        const result = await store.createCapture(newCapture(input));
        expect(result.status).toBe('created');
        const expected = captureSchema.parse(result.capture);
        expect(expected).toMatchObject({
          category: 'bug',
          severity: 'high',
          customer: 'Globex Corporation',
          flow: { name: 'Onboarding', step: 'Invite teammates' },
          element: input.element,
          diagnostics: input.diagnostics,
          environment: { zoom: 1.25 },
        });
        expect(await store.getCapture(input.id)).toEqual(expected);
        const feed = await wholeFeedPage(store, { limit: 5 });
        // The feed adds triage state, counts and keys to the capture itself.
        const [item] = feed.ok ? feed.page.items : [];
        expect(item && captureSchema.strip().parse(item)).toEqual(expected);
        expect(item).toMatchObject({ routeKey: 'shop.example.com/checkout', elementKey: 'iframe#app >>> [data-testid="export"]' });
      });

      it('keeps a clip’s context and text-fragment link', async () => {
        const stored = await create(detailedClipFields());
        expect(stored).toMatchObject(detailedClipFields());
        expect(await store.getCapture(stored.id)).toEqual(stored);
      });

      it('leaves every new field out of a capture that did not send it (older clients)', async () => {
        const stored = await create({ flow: { name: 'Checkout' } });
        expect(await store.getCapture(stored.id)).toEqual(stored);
        expect(stored.flow).toEqual({ name: 'Checkout' });
        for (const field of ['category', 'severity', 'customer', 'element', 'quoteContext', 'textFragmentUrl', 'diagnostics']) {
          expect(stored).not.toHaveProperty(field);
        }
      });

      it('returns null for an unknown id', async () => {
        expect(await store.getCapture(uuidv7())).toBeNull();
      });
    });

    describe('the whole feed (review.listFeed as someone who sees everyone)', () => {
      it('lists newest first by createdAt then id, across pages, without gaps or repeats', async () => {
        const times = [
          '2025-01-01T10:00:00.000Z',
          '2025-01-03T10:00:00.000Z',
          '2025-01-02T10:00:00.000Z',
          '2025-01-02T10:00:00.000Z',
          '2025-01-02T10:00:00.000Z',
          '2025-01-02T13:00:00+03:00', // same instant as the three above
          '2025-01-05T10:00:00.000Z',
        ];
        const created = [];
        for (const createdAt of times) created.push(await create({ createdAt }));
        const expected = [...created]
          .sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1))
          .map((item) => item.id);
        for (const limit of [1, 2, 3, 7, 50]) expect(await listAll({}, limit)).toEqual(expected);
      });

      it('returns nextCursor null on the last page and an empty page on an empty store', async () => {
        const empty = await wholeFeedPage(store, { limit: 10 });
        expect(empty).toEqual({ ok: true, page: { items: [], nextCursor: null } });
        await create();
        await create();
        const page = await wholeFeedPage(store, { limit: 2 });
        expect(page.ok && page.page.nextCursor).toBeNull();
      });

      it('filters by kind and by tag, alone and together, with pagination', async () => {
        const a = await create({ kind: 'screenshot', tags: ['checkout'], createdAt: '2025-02-01T00:00:00Z' });
        const b = await create({ kind: 'friction', tags: ['checkout', 'slow'], createdAt: '2025-02-02T00:00:00Z' });
        const c = await create({ kind: 'clip', quote: 'q', tags: ['copy'], createdAt: '2025-02-03T00:00:00Z' });
        const d = await create({ kind: 'friction', tags: [], createdAt: '2025-02-04T00:00:00Z' });
        const e = await create({ kind: 'screenshot', tags: ['Checkout'], createdAt: '2025-02-05T00:00:00Z' });

        expect(await listAll({ kind: 'friction' }, 1)).toEqual([d.id, b.id]);
        expect(await listAll({ tag: 'checkout' }, 1)).toEqual([e.id, b.id, a.id]);
        expect(await listAll({ tag: 'checkout', kind: 'screenshot' }, 1)).toEqual([e.id, a.id]);
        expect(await listAll({ tag: 'copy', kind: 'friction' }, 5)).toEqual([]);
        expect(await listAll({ tag: 'nothing' }, 5)).toEqual([]);
        expect(await listAll({}, 2)).toEqual([e.id, d.id, c.id, b.id, a.id]);
      });

      it('refuses a cursor it did not issue', async () => {
        for (const cursor of ['nonsense', 'eyJ4IjoxfQ', '!!!', Buffer.from('{"c":1,"i":2}').toString('base64url')]) {
          const result = await wholeFeedPage(store, { cursor, limit: 5 });
          expect(result).toMatchObject({ ok: false, reason: 'invalid_cursor' });
        }
      });
    });

    describe('workspace tags', () => {
      it('starts with the default list, in order', async () => {
        expect(await store.listWorkspaceTags()).toEqual([
          'confusing',
          'blocked',
          'slow',
          'error',
          'missing',
          'unclear copy',
          'too many steps',
        ]);
      });

      it('replaces the whole list, keeping the given order, and may empty it', async () => {
        expect(await store.replaceWorkspaceTags(['onboarding', 'billing', 'a11y'])).toEqual(['onboarding', 'billing', 'a11y']);
        expect(await store.listWorkspaceTags()).toEqual(['onboarding', 'billing', 'a11y']);
        expect(await store.replaceWorkspaceTags([])).toEqual([]);
        expect(await store.listWorkspaceTags()).toEqual([]);
      });
    });

    describe('suggestCustomers', () => {
      it('answers customers earlier captures named, most recent first, matching the start of the name in any case', async () => {
        await create({ customer: 'Globex Corporation' });
        await new Promise((resolve) => setTimeout(resolve, 5));
        await create({ customer: 'Initech' });
        await new Promise((resolve) => setTimeout(resolve, 5));
        await create({ customer: 'globex corporation' }, bob);
        await create({ customer: 'Globe Theatre' });
        await create();

        const all = await store.suggestCustomers({ prefix: '', limit: 10 });
        expect(all.map((customer) => customer.name).sort()).toEqual(['Globe Theatre', 'Initech', 'globex corporation']);
        expect(all.find((customer) => customer.name === 'globex corporation')?.captures).toBe(2);
        expect(all.at(-1)?.name).toBe('Initech');

        const glob = await store.suggestCustomers({ prefix: 'GLOB', limit: 10 });
        expect(glob.map((customer) => customer.name).sort()).toEqual(['Globe Theatre', 'globex corporation']);
        expect(await store.suggestCustomers({ prefix: 'globe', limit: 1 })).toHaveLength(1);
        expect(await store.suggestCustomers({ prefix: 'nobody', limit: 10 })).toEqual([]);
      });

      it('takes LIKE wildcards in the prefix literally', async () => {
        await create({ customer: '100% Juice' });
        await create({ customer: '1000 Lakes' });
        await create({ customer: 'A_B Ltd' });
        await create({ customer: 'AXB Ltd' });
        expect((await store.suggestCustomers({ prefix: '100%', limit: 10 })).map((c) => c.name)).toEqual(['100% Juice']);
        expect((await store.suggestCustomers({ prefix: 'a_', limit: 10 })).map((c) => c.name)).toEqual(['A_B Ltd']);
        expect(await store.suggestCustomers({ prefix: '\\', limit: 10 })).toEqual([]);
      });

      it('counts a retried capture once', async () => {
        const input = sampleCaptureInput({ customer: 'Umbrella' });
        await store.createCapture(newCapture(input));
        await store.createCapture(newCapture(input));
        expect(await store.suggestCustomers({ prefix: 'umb', limit: 5 })).toMatchObject([{ name: 'Umbrella', captures: 1 }]);
      });
    });

    describe('attachScreenshot', () => {
      const shot: ScreenshotInfo = { sha256: 'a'.repeat(64), contentType: 'image/png', bytes: 1234 };

      it('attaches once; the same screenshot again is "existing", a different one a conflict', async () => {
        const stored = await create();
        const attached = await store.attachScreenshot(stored.id, shot);
        expect(attached.status).toBe('attached');
        expect(attached.status === 'attached' && attached.capture.screenshot).toEqual(shot);
        expect((await store.getCapture(stored.id))?.screenshot).toEqual(shot);

        expect((await store.attachScreenshot(stored.id, shot)).status).toBe('existing');
        const other = await store.attachScreenshot(stored.id, { ...shot, sha256: 'b'.repeat(64) });
        expect(other.status).toBe('conflict');
        expect((await store.getCapture(stored.id))?.screenshot).toEqual(shot);
      });

      it('reports not_found for an unknown capture', async () => {
        expect(await store.attachScreenshot(uuidv7(), shot)).toEqual({ status: 'not_found' });
      });

      it('keeps a capture that declared its screenshot unpublished until that screenshot is attached', async () => {
        const pending = await create({ screenshot: shot });
        const other = await create({ kind: 'clip', quote: 'visible all along', tags: ['billing'] });
        await create({ screenshot: { ...shot, sha256: 'c'.repeat(64) }, tags: ['billing'] });

        expect(await store.getCapture(pending.id)).toBeNull();
        expect((await listAll({}, 10))).toEqual([other.id]);
        expect((await listAll({ tag: 'billing' }, 10))).toEqual([other.id]);
        expect(await store.findScreenshotTarget(pending.id)).toMatchObject({ declared: shot, capture: { id: pending.id } });

        expect((await store.attachScreenshot(pending.id, shot)).status).toBe('attached');
        expect((await store.getCapture(pending.id))?.screenshot).toEqual(shot);
        expect((await listAll({}, 10)).sort()).toEqual([pending.id, other.id].sort());
      });
    });
  });
}

import { afterEach, describe, expect, it, vi } from 'vitest';
import { SCREENSHOT_MAX_BYTES } from '#shared/capture';
import type { OutboxEntry } from '@/lib/outbox/model';
import type { SnagDb } from '@/lib/outbox/database';
import { putDraft } from '@/lib/capture/draft-store';
import {
  claimNextDue,
  deferWaiting,
  discardEntry,
  getScreenshot,
  heldForToken,
  holdAllForToken,
  listOutbox,
  markNeedsAttention,
  markRecordAccepted,
  markRetry,
  markSent,
  pendingOverview,
  pruneSent,
  requeueEntry,
  requeueUnsent,
  saveDraftToOutbox,
  updateEntry,
} from '@/lib/outbox/queue';
import { sha256Hex } from '@/lib/outbox/sha256';
import { STORAGE_FULL } from '@/lib/outbox/storage-errors';
import { clipDraft, freshDb, pngImage, sampleInput, screenshotDraft } from '../helpers';

async function savedEntry(db: SnagDb, now = 1000, withImage = true) {
  const draft = withImage ? screenshotDraft() : clipDraft();
  await putDraft(db, draft);
  const input = withImage ? sampleInput() : sampleInput({ kind: 'clip', quote: 'Export is disabled' });
  const saved = await saveDraftToOutbox(db, { draftId: draft.id, input, image: withImage ? pngImage(100) : null, now });
  if (!saved.ok) throw new Error(saved.reason);
  return saved.value;
}

const entryById = async (db: SnagDb, id: string) => (await listOutbox(db)).find((entry) => entry.id === id);
const lease = { leaseId: 'run-1', leaseFor: () => 20_000 };
const unreachable = { kind: 'unreachable', reason: "Can't reach" } as const;

describe('saveDraftToOutbox', () => {
  it('writes the entry and its screenshot, and removes the draft, together', async () => {
    const db = await freshDb();
    const draft = screenshotDraft();
    await putDraft(db, draft);
    const input = sampleInput();
    const saved = await saveDraftToOutbox(db, { draftId: draft.id, input, image: pngImage(100), now: 1000 });

    expect(saved).toMatchObject({ ok: true, value: { id: input.id, state: 'waiting', attempts: 0, nextAttemptAt: 1000, leaseId: null } });
    expect(await listOutbox(db)).toHaveLength(1);
    expect((await getScreenshot(db, input.id))?.bytes.byteLength).toBe(100);
    expect(await db.get('drafts', draft.id)).toBeUndefined();
    expect((await listOutbox(db))[0]?.screenshot).toEqual({ contentType: 'image/png', bytes: 100 });
  });

  it('declares the screenshot in the stored record, hashed from the stored bytes, so every retry sends the same body', async () => {
    const db = await freshDb();
    const entry = await savedEntry(db);
    const image = await getScreenshot(db, entry.id);
    if (!image) throw new Error('no image');
    expect((await entryById(db, entry.id))?.input.screenshot).toEqual({
      contentType: 'image/png',
      bytes: 100,
      sha256: await sha256Hex(image.bytes),
    });
    expect(await sha256Hex(new TextEncoder().encode('abc').buffer)).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('stores a clip without any screenshot or declaration', async () => {
    const db = await freshDb();
    const entry = await savedEntry(db, 1, false);
    expect(entry.screenshot).toBeNull();
    expect(entry.input.screenshot).toBeUndefined();
    expect(await db.count('screenshots')).toBe(0);
  });

  it('writes nothing when the draft is gone (saved in another tab, or discarded)', async () => {
    const db = await freshDb();
    const saved = await saveDraftToOutbox(db, { draftId: 'missing', input: sampleInput(), image: pngImage(), now: 1 });
    expect(saved).toEqual({ ok: false, kind: 'already-saved', reason: 'This capture was already saved or discarded' });
    expect(await db.count('outbox')).toBe(0);
    expect(await db.count('screenshots')).toBe(0);
  });

  it('refuses a screenshot the server would refuse as too large, keeping the draft', async () => {
    const db = await freshDb();
    const draft = screenshotDraft();
    await putDraft(db, draft);
    const image = { bytes: new ArrayBuffer(SCREENSHOT_MAX_BYTES + 1), contentType: 'image/png' as const };
    const saved = await saveDraftToOutbox(db, { draftId: draft.id, input: sampleInput(), image, now: 1 });
    expect(saved).toMatchObject({ ok: false, kind: 'too-large', reason: expect.stringContaining('Crop it') });
    expect(await db.get('drafts', draft.id)).toEqual(draft);
  });

  it('answers a problem, and writes nothing at all, when part of the transaction fails', async () => {
    const db = await freshDb();
    const first = await savedEntry(db);
    // Same capture id again: adding the entry fails, so the draft must survive and no image be written.
    const draft = screenshotDraft();
    await putDraft(db, draft);
    const saved = await saveDraftToOutbox(db, { draftId: draft.id, input: first.input, image: pngImage(7), now: 2 });
    expect(saved).toMatchObject({ ok: false, kind: 'storage-failed', reason: expect.stringContaining('Not saved') });
    expect(await db.get('drafts', draft.id)).toEqual(draft);
    expect((await getScreenshot(db, first.id))?.bytes.byteLength).toBe(100);
    expect(await db.count('outbox')).toBe(1);
  });

  describe('when storage is full', () => {
    afterEach(() => vi.restoreAllMocks());

    it.each(['QuotaExceededError', 'AbortError'])(
      'says so (%s), keeps the draft, and leaves what was saved before untouched',
      async (name) => {
        const db = await freshDb();
        const before = await savedEntry(db);
        const draft = screenshotDraft();
        await putDraft(db, draft);
        // The screenshot is the write that does not fit; the entry before it was already queued.
        const add = IDBObjectStore.prototype.add;
        vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, value, key) {
          if (this.name === 'screenshots') throw new DOMException('The quota has been exceeded.', name);
          return add.call(this, value, key);
        });

        const saved = await saveDraftToOutbox(db, { draftId: draft.id, input: sampleInput(), image: pngImage(50), now: 2 });
        vi.restoreAllMocks();
        expect(saved).toEqual({ ok: false, kind: 'storage-full', reason: STORAGE_FULL });
        expect(await db.get('drafts', draft.id)).toEqual(draft);
        expect((await listOutbox(db)).map((entry) => entry.id)).toEqual([before.id]);
        expect(await db.count('screenshots')).toBe(1);
      },
    );
  });
});

describe('claimNextDue', () => {
  it('takes the waiting entry due earliest, leasing it, and skips entries not due, held, sent or needing attention', async () => {
    const db = await freshDb();
    const older = await savedEntry(db, 1000);
    const newer = await savedEntry(db, 2000);
    const claimed = await claimNextDue(db, { now: 3000, ...lease });
    expect(claimed).toMatchObject({ id: older.id, state: 'sending', attempts: 1, leaseId: 'run-1', nextAttemptAt: 23_000 });

    expect((await claimNextDue(db, { now: 3000, ...lease }))?.id).toBe(newer.id);
    expect(await claimNextDue(db, { now: 3000, ...lease })).toBeUndefined(); // both leased

    await markSent(db, older.id, 4000);
    await markNeedsAttention(db, newer.id, 'run-1', { kind: 'rejected', reason: 'no' });
    expect(await claimNextDue(db, { now: 1e9, ...lease })).toBeUndefined();
  });

  it('does not take a waiting entry before its backoff ends', async () => {
    const db = await freshDb();
    const entry = await savedEntry(db, 1000);
    await claimNextDue(db, { now: 1000, ...lease });
    await markRetry(db, entry.id, 'run-1', { problem: unreachable, nextAttemptAt: 50_000 });
    expect(await claimNextDue(db, { now: 49_999, ...lease })).toBeUndefined();
    expect(await claimNextDue(db, { now: 50_000, ...lease })).toMatchObject({ id: entry.id, attempts: 2 });
  });

  it('takes over an entry whose lease ran out (its worker died), and not before', async () => {
    const db = await freshDb();
    const entry = await savedEntry(db, 1000);
    await claimNextDue(db, { now: 1000, ...lease }); // leased until 21 000, then the worker dies
    expect(await claimNextDue(db, { now: 20_999, leaseId: 'run-2', leaseFor: () => 5000 })).toBeUndefined();
    expect(await claimNextDue(db, { now: 21_000, leaseId: 'run-2', leaseFor: () => 5000 })).toMatchObject({
      id: entry.id,
      leaseId: 'run-2',
      attempts: 2,
      nextAttemptAt: 26_000,
    });
  });

  it('takes over a lease that ends further ahead than any lease could: the clock went back', async () => {
    const db = await freshDb();
    const entry = await savedEntry(db, 1000);
    await claimNextDue(db, { now: 10_000_000, ...lease });
    expect((await claimNextDue(db, { now: 1000, leaseId: 'run-2', leaseFor: () => 5000 }))?.id).toBe(entry.id);
  });
});

describe('outcomes are recorded only by the run that holds the lease', () => {
  it('a run that lost its lease cannot put the entry back to waiting, nor accept its record', async () => {
    const db = await freshDb();
    const entry = await savedEntry(db, 1000);
    await claimNextDue(db, { now: 1000, ...lease });
    await claimNextDue(db, { now: 30_000, leaseId: 'run-2', leaseFor: () => 20_000 }); // run-1 was too slow

    expect(await markRetry(db, entry.id, 'run-1', { problem: unreachable, nextAttemptAt: 99 })).toBeUndefined();
    expect(await markRecordAccepted(db, entry.id, 'run-1', 99)).toBeUndefined();
    expect(await markNeedsAttention(db, entry.id, 'run-1', { kind: 'rejected', reason: 'no' })).toBeUndefined();
    expect(await entryById(db, entry.id)).toMatchObject({ state: 'sending', leaseId: 'run-2', recordAccepted: false });

    expect(await markRecordAccepted(db, entry.id, 'run-2', 77_000)).toMatchObject({ recordAccepted: true, nextAttemptAt: 77_000 });
  });

  it('but "sent" is a fact whoever reports it; later reports by the lease holder change nothing', async () => {
    const db = await freshDb();
    const entry = await savedEntry(db, 1000);
    await claimNextDue(db, { now: 1000, ...lease });
    await markSent(db, entry.id, 5000);
    expect(await entryById(db, entry.id)).toMatchObject({ state: 'sent', sentAt: 5000, leaseId: null, lastError: null });
    expect(await getScreenshot(db, entry.id)).toBeUndefined();
    expect(await markRetry(db, entry.id, 'run-1', { problem: unreachable, nextAttemptAt: 9 })).toBeUndefined();
    await markSent(db, entry.id, 6000);
    expect(await entryById(db, entry.id)).toMatchObject({ state: 'sent', sentAt: 5000 });
  });

  it('a retry after a 404 on the screenshot sends the record again', async () => {
    const db = await freshDb();
    const entry = await savedEntry(db, 1000);
    await claimNextDue(db, { now: 1000, ...lease });
    await markRecordAccepted(db, entry.id, 'run-1', 40_000);
    expect(
      await markRetry(db, entry.id, 'run-1', { problem: { kind: 'server', reason: '404' }, nextAttemptAt: 9, recordMissing: true }),
    ).toMatchObject({ state: 'waiting', recordAccepted: false, leaseId: null, nextAttemptAt: 9 });
  });
});

describe('whole-outbox changes', () => {
  it('a refused token holds the entry in hand and every waiting one, not those sent or sending elsewhere', async () => {
    const db = await freshDb();
    const inHand = await savedEntry(db, 1);
    const waiting = await savedEntry(db, 2);
    const sent = await savedEntry(db, 3);
    await claimNextDue(db, { now: 1, ...lease });
    await markSent(db, sent.id, 4);
    const token = { kind: 'token', reason: 'The server rejected the token: paste a valid one', status: 401 } as const;

    expect(await holdAllForToken(db, inHand.id, 'run-1', token)).toBe(2);
    expect(await entryById(db, inHand.id)).toMatchObject({ state: 'needs-attention', lastError: token, leaseId: null });
    expect(await entryById(db, waiting.id)).toMatchObject({ state: 'needs-attention', lastError: token });
    expect(await entryById(db, sent.id)).toMatchObject({ state: 'sent' });
  });

  it('Retry-After defers every waiting entry due earlier, and only those', async () => {
    const db = await freshDb();
    const soon = await savedEntry(db, 1000);
    const later = await savedEntry(db, 2000);
    await updateEntry(db, later.id, (entry) => ({ ...entry, nextAttemptAt: 900_000 }));
    expect(await deferWaiting(db, 600_000)).toBe(1);
    expect(await entryById(db, soon.id)).toMatchObject({ nextAttemptAt: 600_000 });
    expect(await entryById(db, later.id)).toMatchObject({ nextAttemptAt: 900_000 });
  });

  it('requeueUnsent makes waiting entries, and the needs-attention ones asked for, due now with a fresh backoff', async () => {
    const db = await freshDb();
    const refused = await savedEntry(db, 1);
    const tokenHeld = await savedEntry(db, 2);
    const backingOff = await savedEntry(db, 3);
    const sent = await savedEntry(db, 4);
    await updateEntry(db, refused.id, (e) => ({ ...e, state: 'needs-attention', lastError: { kind: 'rejected', reason: 'no' } }));
    await updateEntry(db, tokenHeld.id, (e) => ({ ...e, state: 'needs-attention', lastError: { kind: 'token', reason: 'token' } }));
    await updateEntry(db, backingOff.id, (e) => ({ ...e, attempts: 4, nextAttemptAt: 50_000 }));
    await markSent(db, sent.id, 5);

    expect(await requeueUnsent(db, 7, heldForToken)).toBe(2);
    expect(await entryById(db, tokenHeld.id)).toMatchObject({ state: 'waiting', nextAttemptAt: 7, attempts: 0 });
    expect(await entryById(db, backingOff.id)).toMatchObject({ state: 'waiting', nextAttemptAt: 7, attempts: 0 });
    expect(await entryById(db, refused.id)).toMatchObject({ state: 'needs-attention' });

    expect(await requeueUnsent(db, 8)).toBe(3);
    expect(await entryById(db, refused.id)).toMatchObject({ state: 'waiting', nextAttemptAt: 8 });
    expect(await entryById(db, sent.id)).toMatchObject({ state: 'sent' });
  });
});

describe('the user’s Retry and Discard', () => {
  it('Retry makes one entry due now; not one that is sent or being sent', async () => {
    const db = await freshDb();
    const refused = await savedEntry(db, 1);
    const busy = await savedEntry(db, 2);
    await updateEntry(db, refused.id, (e) => ({ ...e, state: 'needs-attention', attempts: 3, lastError: { kind: 'rejected', reason: 'no' } }));
    await updateEntry(db, busy.id, (e) => ({ ...e, state: 'sending', leaseId: 'x', nextAttemptAt: 100 }));

    expect(await requeueEntry(db, refused.id, 10)).toMatchObject({ ok: true, value: { state: 'waiting', nextAttemptAt: 10, attempts: 0 } });
    expect(await requeueEntry(db, busy.id, 10)).toEqual({ ok: false, reason: 'This capture is being sent right now' });
    expect(await requeueEntry(db, 'gone', 10)).toEqual({ ok: false, reason: 'This capture is no longer in the outbox' });
  });

  it('Discard deletes the entry and its screenshot together; not while it is being sent, nor once sent', async () => {
    const db = await freshDb();
    const refused = await savedEntry(db, 1);
    const busy = await savedEntry(db, 2);
    const sent = await savedEntry(db, 3);
    await updateEntry(db, refused.id, (e) => ({ ...e, state: 'needs-attention', lastError: { kind: 'rejected', reason: 'no' } }));
    await updateEntry(db, busy.id, (e) => ({ ...e, state: 'sending', leaseId: 'x', nextAttemptAt: 100 }));
    await markSent(db, sent.id, 4);

    expect(await discardEntry(db, refused.id, 10)).toEqual({ ok: true, value: null });
    expect(await entryById(db, refused.id)).toBeUndefined();
    expect(await getScreenshot(db, refused.id)).toBeUndefined();
    expect(await discardEntry(db, busy.id, 10)).toEqual({ ok: false, reason: 'This capture is being sent right now' });
    expect(await discardEntry(db, sent.id, 10)).toEqual({ ok: false, reason: 'This capture was already sent' });
    // Once the lease of a dead run has run out, it can go.
    expect(await discardEntry(db, busy.id, 100)).toEqual({ ok: true, value: null });
  });
});

describe('pruneSent', () => {
  it('keeps the most recently sent records only, and nothing unsent is touched', async () => {
    const db = await freshDb();
    const entries: OutboxEntry[] = [];
    for (let i = 0; i < 5; i++) entries.push(await savedEntry(db, i, false));
    const unsent = await savedEntry(db, 9);
    for (const [i, entry] of entries.entries()) await markSent(db, entry.id, 100 + i);

    expect(await pruneSent(db, 2)).toBe(3);
    const left = await listOutbox(db);
    expect(left.map((entry) => entry.id).sort()).toEqual([entries[3]?.id, entries[4]?.id, unsent.id].sort());
    expect(await pruneSent(db, 2)).toBe(0);
  });
});

describe('pendingOverview', () => {
  it('counts what is unsent and finds the earliest due time, a lease’s expiry included', async () => {
    const db = await freshDb();
    expect(await pendingOverview(db)).toEqual({ unsent: 0, needsAttention: 0, earliestDue: null });
    const a = await savedEntry(db, 5000);
    const b = await savedEntry(db, 6000);
    const c = await savedEntry(db, 7000);
    await claimNextDue(db, { now: 5000, leaseId: 'r', leaseFor: () => 500 }); // a: sending until 5500
    await markNeedsAttention(db, a.id, 'r', { kind: 'rejected', reason: 'no' });
    await claimNextDue(db, { now: 6000, leaseId: 'r', leaseFor: () => 100 }); // b: sending until 6100
    expect(await pendingOverview(db)).toEqual({ unsent: 2, needsAttention: 1, earliestDue: 6100 });
    await markSent(db, b.id, 6050);
    expect(await pendingOverview(db)).toEqual({ unsent: 1, needsAttention: 1, earliestDue: 7000 });
    expect(c.id).toBeDefined();
  });
});

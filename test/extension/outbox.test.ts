import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '@/lib/db';
import { putDraft } from '@/lib/drafts';
import {
  getScreenshot,
  listOutbox,
  markFailed,
  markRetry,
  markSending,
  markSent,
  nextDueEntry,
  requeueUnsent,
  saveDraftToOutbox,
  summarizeOutbox,
  updateEntry,
} from '@/lib/outbox';
import { clipDraft, freshDb, pngImage, sampleInput, screenshotDraft } from './helpers';

async function savedEntry(db: Awaited<ReturnType<typeof freshDb>>, now = 1000, withImage = true) {
  const draft = screenshotDraft();
  await putDraft(db, draft);
  const saved = await saveDraftToOutbox(db, {
    draftId: draft.id,
    input: sampleInput(),
    image: withImage ? pngImage(100) : null,
    now,
  });
  if (!saved.ok) throw new Error(saved.reason);
  return saved.value;
}

describe('saveDraftToOutbox', () => {
  it('writes the entry and its screenshot, and removes the draft, together', async () => {
    const db = await freshDb();
    const draft = screenshotDraft();
    await putDraft(db, draft);
    const input = sampleInput();
    const saved = await saveDraftToOutbox(db, { draftId: draft.id, input, image: pngImage(100), now: 1000 });

    expect(saved).toMatchObject({ ok: true, value: { id: input.id, state: 'waiting', attempts: 0, nextAttemptAt: 1000 } });
    expect(await listOutbox(db)).toHaveLength(1);
    expect((await getScreenshot(db, input.id))?.bytes.byteLength).toBe(100);
    expect(await db.get('drafts', draft.id)).toBeUndefined();
    expect((await listOutbox(db))[0]?.screenshot).toEqual({ contentType: 'image/png', bytes: 100 });
  });

  it('stores a clip without any screenshot', async () => {
    const db = await freshDb();
    const draft = clipDraft();
    await putDraft(db, draft);
    const input = sampleInput({ kind: 'clip', quote: 'Export is disabled' });
    await saveDraftToOutbox(db, { draftId: draft.id, input, image: null, now: 1 });
    expect((await listOutbox(db))[0]?.screenshot).toBeNull();
    expect(await db.count('screenshots')).toBe(0);
  });

  it('writes nothing when the draft is gone (saved in another tab, or discarded)', async () => {
    const db = await freshDb();
    const saved = await saveDraftToOutbox(db, { draftId: 'missing', input: sampleInput(), image: pngImage(), now: 1 });
    expect(saved).toEqual({ ok: false, reason: 'This capture was already saved or discarded' });
    expect(await db.count('outbox')).toBe(0);
    expect(await db.count('screenshots')).toBe(0);
  });

  it('writes nothing at all when part of the transaction fails', async () => {
    const db = await freshDb();
    const first = await savedEntry(db);
    // Same capture id again: adding the entry fails, so the draft must survive and no image be written.
    const draft = screenshotDraft();
    await putDraft(db, draft);
    await expect(
      saveDraftToOutbox(db, { draftId: draft.id, input: first.input, image: pngImage(7), now: 2 }),
    ).rejects.toThrow();
    expect(await db.get('drafts', draft.id)).toEqual(draft);
    expect((await getScreenshot(db, first.id))?.bytes.byteLength).toBe(100);
    expect(await db.count('outbox')).toBe(1);
  });
});

describe('entry states', () => {
  it('go waiting → sending → sent, dropping the screenshot bytes once sent', async () => {
    const db = await freshDb();
    const entry = await savedEntry(db);
    expect(await updateEntry(db, entry.id, markSending)).toMatchObject({ state: 'sending', attempts: 1 });
    await markSent(db, entry.id, 5000);
    expect((await listOutbox(db))[0]).toMatchObject({ state: 'sent', sentAt: 5000, lastError: null });
    expect(await getScreenshot(db, entry.id)).toBeUndefined();
  });

  it('wait for their next attempt, and fail with a reason', async () => {
    const db = await freshDb();
    const entry = await savedEntry(db);
    const problem = { kind: 'unreachable', reason: "Can't reach" } as const;
    expect(await updateEntry(db, entry.id, markRetry(problem, 9000))).toMatchObject({
      state: 'waiting',
      nextAttemptAt: 9000,
      lastError: problem,
    });
    const refused = { kind: 'rejected', reason: 'tags.0: too long' } as const;
    expect(await updateEntry(db, entry.id, markFailed(refused))).toMatchObject({ state: 'failed', lastError: refused });
  });
});

describe('nextDueEntry', () => {
  it('answers the oldest due entry, skipping those not due, tried already, sent or failed', async () => {
    const db = await freshDb();
    const older = await savedEntry(db, 1000);
    const newer = await savedEntry(db, 2000);
    expect((await nextDueEntry(db, 3000, new Set()))?.id).toBe(older.id);
    expect((await nextDueEntry(db, 3000, new Set([older.id])))?.id).toBe(newer.id);

    await updateEntry(db, older.id, markRetry({ kind: 'server', reason: '500' }, 10_000));
    expect((await nextDueEntry(db, 3000, new Set()))?.id).toBe(newer.id);
    await updateEntry(db, newer.id, markFailed({ kind: 'rejected', reason: '400' }));
    expect(await nextDueEntry(db, 3000, new Set())).toBeUndefined();
    expect((await nextDueEntry(db, 10_000, new Set()))?.id).toBe(older.id);
  });

  it('picks up an entry left "sending" by a run that died', async () => {
    const db = await freshDb();
    const entry = await savedEntry(db);
    await updateEntry(db, entry.id, (e) => markSending({ ...e, nextAttemptAt: 99_999 }));
    expect((await nextDueEntry(db, 0, new Set()))?.id).toBe(entry.id);
  });
});

describe('requeueUnsent', () => {
  it('makes waiting and failed entries due now, leaving sent ones alone', async () => {
    const db = await freshDb();
    const failed = await savedEntry(db);
    const later = await savedEntry(db);
    const sent = await savedEntry(db);
    await updateEntry(db, failed.id, markFailed({ kind: 'rejected', reason: 'no' }));
    await updateEntry(db, later.id, markRetry({ kind: 'token', reason: 'token' }, 50_000));
    await markSent(db, sent.id, 1);

    expect(await requeueUnsent(db, 7)).toBe(2);
    const byId = new Map((await listOutbox(db)).map((entry) => [entry.id, entry]));
    expect(byId.get(failed.id)).toMatchObject({ state: 'waiting', nextAttemptAt: 7 });
    expect(byId.get(later.id)).toMatchObject({ state: 'waiting', nextAttemptAt: 7 });
    expect(byId.get(sent.id)).toMatchObject({ state: 'sent' });
  });
});

describe('summarizeOutbox', () => {
  const entry = (overrides: Partial<OutboxEntry>): OutboxEntry => ({
    id: crypto.randomUUID(),
    input: sampleInput(),
    state: 'waiting',
    attempts: 0,
    lastError: null,
    nextAttemptAt: 0,
    recordAccepted: false,
    screenshot: null,
    savedAt: 0,
    sentAt: null,
    ...overrides,
  });

  it('counts each entry once: waiting, sent, or needing attention', () => {
    const tokenProblem = { kind: 'token', reason: 'The server rejected the token: paste a valid one' } as const;
    const summary = summarizeOutbox([
      entry({}),
      entry({ state: 'sending' }),
      entry({ lastError: { kind: 'unreachable', reason: "Can't reach https://snag.example.com" } }),
      entry({ state: 'sent' }),
      entry({ state: 'failed', lastError: { kind: 'rejected', reason: 'comment: too long' } }),
      entry({ lastError: tokenProblem }),
      entry({ lastError: tokenProblem }),
    ]);
    expect(summary).toEqual({
      waiting: 3,
      sent: 1,
      needsAttention: 3,
      reasons: ['comment: too long', 'The server rejected the token: paste a valid one'],
      retrying: "Can't reach https://snag.example.com",
    });
  });

  it('is all zeros for an empty outbox', () => {
    expect(summarizeOutbox([])).toEqual({ waiting: 0, sent: 0, needsAttention: 0, reasons: [], retrying: null });
  });
});

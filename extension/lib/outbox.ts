import type { ParsedCaptureInput } from '#shared/capture';
import type { OutboxEntry, OutboxProblem, SnagDb, StoredImage } from './db';
import { fail, ok, type Result } from './result';

/**
 * Move a draft into the outbox: the entry, its screenshot and the draft's removal are one
 * transaction, so a capture is never half saved, nor saved twice.
 */
export async function saveDraftToOutbox(
  db: SnagDb,
  { draftId, input, image, now }: { draftId: string; input: ParsedCaptureInput; image: StoredImage | null; now: number },
): Promise<Result<OutboxEntry>> {
  const entry: OutboxEntry = {
    id: input.id,
    input,
    state: 'waiting',
    attempts: 0,
    lastError: null,
    nextAttemptAt: now,
    recordAccepted: false,
    screenshot: image ? { contentType: image.contentType, bytes: image.bytes.byteLength } : null,
    savedAt: now,
    sentAt: null,
  };
  const tx = db.transaction(['drafts', 'outbox', 'screenshots'], 'readwrite');
  const draft = await tx.objectStore('drafts').get(draftId);
  if (!draft) {
    await tx.done;
    return fail('This capture was already saved or discarded');
  }
  await Promise.all([
    tx.objectStore('outbox').add(entry),
    image ? tx.objectStore('screenshots').add({ id: entry.id, ...image }) : undefined,
    tx.objectStore('drafts').delete(draftId),
    tx.done,
  ]);
  return ok(entry);
}

export async function listOutbox(db: SnagDb): Promise<OutboxEntry[]> {
  return db.getAll('outbox');
}

export async function getScreenshot(db: SnagDb, id: string): Promise<StoredImage | undefined> {
  return db.get('screenshots', id);
}

/**
 * The oldest entry that is due: waiting and past its `nextAttemptAt`, or left `sending` by a sync
 * run that died (only call this while holding the sync lock, so no live run can own it).
 */
export async function nextDueEntry(db: SnagDb, now: number, skip: ReadonlySet<string>): Promise<OutboxEntry | undefined> {
  const candidates = [
    ...(await db.getAllFromIndex('outbox', 'by-state', 'waiting')),
    ...(await db.getAllFromIndex('outbox', 'by-state', 'sending')),
  ];
  return candidates
    .filter((entry) => !skip.has(entry.id) && (entry.state === 'sending' || entry.nextAttemptAt <= now))
    .sort((a, b) => a.savedAt - b.savedAt)[0];
}

/** Read, change and write one entry in a single transaction. Answers the entry as written. */
export async function updateEntry(
  db: SnagDb,
  id: string,
  change: (entry: OutboxEntry) => OutboxEntry,
): Promise<OutboxEntry | undefined> {
  const tx = db.transaction('outbox', 'readwrite');
  const entry = await tx.store.get(id);
  const updated = entry ? change(entry) : undefined;
  if (updated) await tx.store.put(updated);
  await tx.done;
  return updated;
}

export const markSending = (entry: OutboxEntry): OutboxEntry => ({
  ...entry,
  state: 'sending',
  attempts: entry.attempts + 1,
});

export const markRecordAccepted = (entry: OutboxEntry): OutboxEntry => ({ ...entry, recordAccepted: true });

export const markRetry =
  (problem: OutboxProblem, nextAttemptAt: number) =>
  (entry: OutboxEntry): OutboxEntry => ({ ...entry, state: 'waiting', lastError: problem, nextAttemptAt });

export const markFailed =
  (problem: OutboxProblem) =>
  (entry: OutboxEntry): OutboxEntry => ({ ...entry, state: 'failed', lastError: problem });

/** Sent: the entry stays (for the popup's count) but its screenshot bytes are no longer needed. */
export async function markSent(db: SnagDb, id: string, now: number): Promise<void> {
  const tx = db.transaction(['outbox', 'screenshots'], 'readwrite');
  const entry = await tx.objectStore('outbox').get(id);
  await Promise.all([
    entry
      ? tx.objectStore('outbox').put({ ...entry, state: 'sent', lastError: null, sentAt: now })
      : undefined,
    tx.objectStore('screenshots').delete(id),
    tx.done,
  ]);
}

/**
 * Make every unsent entry due now, failed ones included: after new settings, or when the user
 * asks to retry. Answers how many entries were requeued.
 */
export async function requeueUnsent(db: SnagDb, now: number): Promise<number> {
  const tx = db.transaction('outbox', 'readwrite');
  let count = 0;
  for (let cursor = await tx.store.openCursor(); cursor; cursor = await cursor.continue()) {
    const entry = cursor.value;
    if (entry.state === 'waiting' || entry.state === 'failed') {
      await cursor.update({ ...entry, state: 'waiting', nextAttemptAt: now });
      count += 1;
    }
  }
  await tx.done;
  return count;
}

export interface OutboxSummary {
  /** Waiting or being sent, and expected to go through by itself. */
  waiting: number;
  sent: number;
  /** Failed, or held back by a rejected token: the user has to do something. */
  needsAttention: number;
  /** Distinct reasons for the entries that need attention. */
  reasons: string[];
  /** Why waiting entries are being retried (server unreachable…), if they are. */
  retrying: string | null;
}

export function needsAttention(entry: OutboxEntry): boolean {
  return entry.state === 'failed' || (entry.state !== 'sent' && entry.lastError?.kind === 'token');
}

export function summarizeOutbox(entries: readonly OutboxEntry[]): OutboxSummary {
  const attention = entries.filter(needsAttention);
  const waiting = entries.filter((entry) => (entry.state === 'waiting' || entry.state === 'sending') && !needsAttention(entry));
  return {
    waiting: waiting.length,
    sent: entries.filter((entry) => entry.state === 'sent').length,
    needsAttention: attention.length,
    reasons: [...new Set(attention.flatMap((entry) => (entry.lastError ? [entry.lastError.reason] : [])))],
    retrying: waiting.find((entry) => entry.lastError)?.lastError?.reason ?? null,
  };
}

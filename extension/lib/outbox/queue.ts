import { SCREENSHOT_MAX_BYTES, type ParsedCaptureInput } from '#shared/capture';
import type { OutboxEntry, OutboxProblem } from './model';
import type { SnagDb } from './database';
import type { StoredImage } from '../capture/draft';
import { fail, ok, type Result } from '../result';
import { leaseMs } from '../api/retry-policy';
import { sha256Hex } from './sha256';
import { saveProblemFrom, type SaveProblem } from './storage-errors';

// The outbox's storage operations. Every change is one IndexedDB transaction, so an entry is never
// half written, whatever stops the extension in between.

/** The outcome of Save: the entry as stored, or why nothing was stored (see `SaveProblem`). */
export type SaveResult = { ok: true; value: OutboxEntry } | SaveProblem;

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/**
 * Move a draft into the outbox: the entry, its screenshot and the draft's removal are one
 * transaction, so a capture is never half saved, nor saved twice. Once this answers ok, the
 * capture is durable. When it answers a problem, nothing was written and the draft is intact.
 */
export async function saveDraftToOutbox(
  db: SnagDb,
  { draftId, input, image, now }: { draftId: string; input: ParsedCaptureInput; image: StoredImage | null; now: number },
): Promise<SaveResult> {
  if (image && image.bytes.byteLength > SCREENSHOT_MAX_BYTES) {
    return {
      ok: false,
      kind: 'too-large',
      reason: `Not saved: the screenshot is ${megabytes(image.bytes.byteLength)} and the server takes at most ${megabytes(SCREENSHOT_MAX_BYTES)}. Crop it to a smaller area, then press Save again.`,
    };
  }
  // Hashed before the transaction opens: a transaction that waits on anything but itself commits.
  // The declaration is stored with the record, so every retry sends the very same body.
  const declared: ParsedCaptureInput = image
    ? {
        ...input,
        screenshot: { contentType: image.contentType, bytes: image.bytes.byteLength, sha256: await sha256Hex(image.bytes) },
      }
    : input;
  const entry: OutboxEntry = {
    id: input.id,
    input: declared,
    state: 'waiting',
    attempts: 0,
    lastError: null,
    nextAttemptAt: now,
    leaseId: null,
    recordAccepted: false,
    screenshot: image ? { contentType: image.contentType, bytes: image.bytes.byteLength } : null,
    savedAt: now,
    sentAt: null,
  };
  try {
    return await writeEntry(db, draftId, entry, image);
  } catch (error) {
    return saveProblemFrom(error);
  }
}

async function writeEntry(db: SnagDb, draftId: string, entry: OutboxEntry, image: StoredImage | null): Promise<SaveResult> {
  const tx = db.transaction(['drafts', 'outbox', 'screenshots'], 'readwrite');
  const writes: Promise<unknown>[] = [tx.done];
  try {
    if (!(await tx.objectStore('drafts').get(draftId))) {
      await tx.done;
      return { ok: false, kind: 'already-saved', reason: 'This capture was already saved or discarded' };
    }
    writes.push(tx.objectStore('outbox').add(entry));
    if (image) writes.push(tx.objectStore('screenshots').add({ id: entry.id, ...image }));
    writes.push(tx.objectStore('drafts').delete(draftId));
    await Promise.all(writes);
    return { ok: true, value: entry };
  } catch (error) {
    // Whatever failed (even a write that threw before it was queued), none of it may commit.
    abortQuietly(tx);
    await Promise.allSettled(writes);
    throw error;
  }
}

function abortQuietly(tx: { abort(): void }): void {
  try {
    tx.abort();
  } catch {
    // Already aborted by the failed request, or finished.
  }
}

export async function listOutbox(db: SnagDb): Promise<OutboxEntry[]> {
  return db.getAll('outbox');
}

export async function getScreenshot(db: SnagDb, id: string): Promise<StoredImage | undefined> {
  return db.get('screenshots', id);
}

/** No lease is ever longer: one further in the future means the clock went back since it was taken. */
const LONGEST_LEASE_MS = leaseMs(SCREENSHOT_MAX_BYTES);

/**
 * Take the next due entry for a run: first one whose lease ran out (its run died mid-request),
 * then the waiting entry due earliest. Read and claim are one transaction, so two runs can never
 * take the same entry, with or without the sync lock.
 */
export async function claimNextDue(
  db: SnagDb,
  { now, leaseId, leaseFor }: { now: number; leaseId: string; leaseFor: (entry: OutboxEntry) => number },
): Promise<OutboxEntry | undefined> {
  const tx = db.transaction('outbox', 'readwrite');
  const due = tx.store.index('by-due');
  const [expired, skewed, waiting] = await Promise.all([
    due.get(IDBKeyRange.bound(['sending', -Infinity], ['sending', now])),
    due.get(IDBKeyRange.bound(['sending', now + LONGEST_LEASE_MS], ['sending', Infinity], true)),
    due.get(IDBKeyRange.bound(['waiting', -Infinity], ['waiting', now])),
  ]);
  const entry = expired ?? skewed ?? waiting;
  const claimed: OutboxEntry | undefined = entry && {
    ...entry,
    state: 'sending',
    attempts: entry.attempts + 1,
    leaseId,
    nextAttemptAt: now + leaseFor(entry),
  };
  if (claimed) await tx.store.put(claimed);
  await tx.done;
  return claimed;
}

/** Read, change and write one entry in a single transaction. Answers the entry as written, if it was. */
export async function updateEntry(
  db: SnagDb,
  id: string,
  change: (entry: OutboxEntry) => OutboxEntry | undefined,
): Promise<OutboxEntry | undefined> {
  const tx = db.transaction('outbox', 'readwrite');
  const entry = await tx.store.get(id);
  const updated = entry ? change(entry) : undefined;
  if (updated) await tx.store.put(updated);
  await tx.done;
  return updated;
}

const holds = (entry: OutboxEntry, leaseId: string) => entry.state === 'sending' && entry.leaseId === leaseId;

/**
 * Change an entry only while `leaseId` still holds it: a run that lost its lease (it was too slow,
 * another took over) must not overwrite what the newer run records.
 */
function updateHeld(db: SnagDb, id: string, leaseId: string, change: (entry: OutboxEntry) => OutboxEntry) {
  return updateEntry(db, id, (entry) => (holds(entry, leaseId) ? change(entry) : undefined));
}

/** The server has the record; the lease is renewed for the screenshot upload that follows. */
export function markRecordAccepted(db: SnagDb, id: string, leaseId: string, leaseUntil: number) {
  return updateHeld(db, id, leaseId, (entry) => ({ ...entry, recordAccepted: true, nextAttemptAt: leaseUntil }));
}

/**
 * Back to waiting until `nextAttemptAt`. `recordMissing`: the server no longer has the record
 * (another server behind the same settings?), so it is sent again first.
 */
export function markRetry(
  db: SnagDb,
  id: string,
  leaseId: string,
  { problem, nextAttemptAt, recordMissing = false }: { problem: OutboxProblem; nextAttemptAt: number; recordMissing?: boolean },
) {
  return updateHeld(db, id, leaseId, (entry) => ({
    ...entry,
    state: 'waiting',
    leaseId: null,
    lastError: problem,
    nextAttemptAt,
    recordAccepted: entry.recordAccepted && !recordMissing,
  }));
}

export function markNeedsAttention(db: SnagDb, id: string, leaseId: string, problem: OutboxProblem) {
  return updateHeld(db, id, leaseId, (entry) => ({ ...entry, state: 'needs-attention', leaseId: null, lastError: problem }));
}

/**
 * Sent: the server acknowledged record and screenshot. A fact whoever holds the lease, so it is
 * recorded regardless. The screenshot bytes go; the record stays as local history (`pruneSent`).
 */
export async function markSent(db: SnagDb, id: string, now: number): Promise<void> {
  const tx = db.transaction(['outbox', 'screenshots'], 'readwrite');
  const entry = await tx.objectStore('outbox').get(id);
  await Promise.all([
    entry && entry.state !== 'sent'
      ? tx.objectStore('outbox').put({ ...entry, state: 'sent', leaseId: null, lastError: null, sentAt: now })
      : undefined,
    tx.objectStore('screenshots').delete(id),
    tx.done,
  ]);
}

/**
 * The token was refused: every waiting entry would be refused too. They all need the user (a new
 * token), and are requeued when the settings change, rather than each failing on its own turn.
 */
export async function holdAllForToken(db: SnagDb, id: string, leaseId: string, problem: OutboxProblem): Promise<number> {
  const tx = db.transaction('outbox', 'readwrite');
  let count = 0;
  for (let cursor = await tx.store.openCursor(); cursor; cursor = await cursor.continue()) {
    const entry = cursor.value;
    if (entry.state === 'waiting' || (entry.id === id && holds(entry, leaseId))) {
      await cursor.update({ ...entry, state: 'needs-attention', leaseId: null, lastError: problem });
      count += 1;
    }
  }
  await tx.done;
  return count;
}

/** The server asked everyone to wait (429 + Retry-After): no waiting entry is tried before `until`. */
export async function deferWaiting(db: SnagDb, until: number): Promise<number> {
  const tx = db.transaction('outbox', 'readwrite');
  let count = 0;
  const early = IDBKeyRange.bound(['waiting', -Infinity], ['waiting', until], false, true);
  for (let cursor = await tx.store.index('by-due').openCursor(early); cursor; cursor = await cursor.continue()) {
    await cursor.update({ ...cursor.value, nextAttemptAt: until });
    count += 1;
  }
  await tx.done;
  return count;
}

const requeued = (entry: OutboxEntry, now: number): OutboxEntry => ({
  ...entry,
  state: 'waiting',
  leaseId: null,
  attempts: 0,
  nextAttemptAt: now,
});

/** The user's Retry on one entry: due now, with a fresh backoff. */
export async function requeueEntry(db: SnagDb, id: string, now: number): Promise<Result<OutboxEntry>> {
  const tx = db.transaction('outbox', 'readwrite');
  const entry = await tx.store.get(id);
  let result: Result<OutboxEntry>;
  if (!entry) result = fail('This capture is no longer in the outbox');
  else if (entry.state === 'sent') result = fail('This capture was already sent');
  else if (entry.state === 'sending' && entry.nextAttemptAt > now) result = fail('This capture is being sent right now');
  else {
    const updated = requeued(entry, now);
    await tx.store.put(updated);
    result = ok(updated);
  }
  await tx.done;
  return result;
}

/**
 * Make unsent entries due now with a fresh backoff: those waiting, and those needing attention
 * that `include` picks (all of them for "Retry all", the token's after new settings).
 */
export async function requeueUnsent(
  db: SnagDb,
  now: number,
  include: (entry: OutboxEntry) => boolean = () => true,
): Promise<number> {
  const tx = db.transaction('outbox', 'readwrite');
  let count = 0;
  for (let cursor = await tx.store.openCursor(); cursor; cursor = await cursor.continue()) {
    const entry = cursor.value;
    if (entry.state === 'waiting' || (entry.state === 'needs-attention' && include(entry))) {
      await cursor.update(requeued(entry, now));
      count += 1;
    }
  }
  await tx.done;
  return count;
}

export const heldForToken = (entry: OutboxEntry) => entry.lastError?.kind === 'token';

/**
 * The user's Discard: the entry and its screenshot go, together. Not while a run is sending it
 * (it may be arriving at the server this very moment), nor once sent.
 */
export async function discardEntry(db: SnagDb, id: string, now: number): Promise<Result<null>> {
  const tx = db.transaction(['outbox', 'screenshots'], 'readwrite');
  const outbox = tx.objectStore('outbox');
  const entry = await outbox.get(id);
  let result: Result<null> = ok(null);
  if (!entry) result = fail('This capture is no longer in the outbox');
  else if (entry.state === 'sent') result = fail('This capture was already sent');
  else if (entry.state === 'sending' && entry.nextAttemptAt > now) result = fail('This capture is being sent right now');
  else await Promise.all([outbox.delete(id), tx.objectStore('screenshots').delete(id)]);
  await tx.done;
  return result;
}

/** How many sent records stay as local history (their screenshots are gone already). */
export const SENT_HISTORY = 50;

/** Forget all but the `keep` most recently sent records. Answers how many were removed. */
export async function pruneSent(db: SnagDb, keep = SENT_HISTORY): Promise<number> {
  const tx = db.transaction('outbox', 'readwrite');
  const sent = await tx.store.index('by-state').getAll('sent');
  const old = sent.sort((a, b) => (b.sentAt ?? 0) - (a.sentAt ?? 0)).slice(keep);
  await Promise.all(old.map((entry) => tx.store.delete(entry.id)));
  await tx.done;
  return old.length;
}

/** What the badge and the alarm need, from indexes alone: cheap enough to read after every change. */
export interface PendingOverview {
  /** Waiting or sending. */
  unsent: number;
  needsAttention: number;
  /** The earliest `nextAttemptAt` of a waiting or sending entry: when a run has something to do. */
  earliestDue: number | null;
}

export async function pendingOverview(db: SnagDb): Promise<PendingOverview> {
  const tx = db.transaction('outbox');
  const byState = tx.store.index('by-state');
  const due = tx.store.index('by-due');
  const [waiting, sending, needsAttention, firstWaiting, firstSending] = await Promise.all([
    byState.count('waiting'),
    byState.count('sending'),
    byState.count('needs-attention'),
    due.get(IDBKeyRange.bound(['waiting', -Infinity], ['waiting', Infinity])),
    due.get(IDBKeyRange.bound(['sending', -Infinity], ['sending', Infinity])),
  ]);
  await tx.done;
  const dues = [firstWaiting, firstSending].flatMap((entry) => (entry ? [entry.nextAttemptAt] : []));
  return { unsent: waiting + sending, needsAttention, earliestDue: dues.length > 0 ? Math.min(...dues) : null };
}

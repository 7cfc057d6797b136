import { createApiClient, type ApiClient, type ApiProblem, type FetchLike } from '../api/client';
import type { OutboxEntry } from './model';
import type { SnagDb } from './database';
import {
  claimNextDue,
  deferWaiting,
  getScreenshot,
  holdAllForToken,
  markNeedsAttention,
  markRecordAccepted,
  markRetry,
  markSent,
  pruneSent,
} from './queue';
import type { Result } from '../result';
import { backoffMs, leaseMs, RECORD_BYTES_BOUND, retryAfterWaitMs } from '../api/retry-policy';
import type { SyncLock } from './sync-lock';

/** Where to send captures. */
export interface ServerAccess {
  serverUrl: string;
  token: string;
}

/** Everything a sync run touches, so that tests can hand it a fake clock, dice and network. */
export interface SyncDeps {
  db: SnagDb;
  fetch: FetchLike;
  /** Epoch ms. */
  now: () => number;
  /** In [0, 1): the backoff's jitter. */
  random: () => number;
  /** A signal that aborts after `ms` (`AbortSignal.timeout`). */
  timeout: (ms: number) => AbortSignal;
  /** The server and token, or why there is none; read when the run starts, so a queued run sees the latest. */
  server: () => Promise<Result<ServerAccess>>;
  lock: SyncLock;
  /** Told after each change the run makes to the outbox (the badge, the next alarm follow it). */
  onChange?: () => Promise<void>;
}

export interface SyncReport {
  sent: number;
  retrying: number;
  needsAttention: number;
  /** Why nothing was tried, if nothing was. */
  skipped: string | null;
}

type Outcome = 'sent' | 'retrying' | 'needsAttention' | 'lost';

/** What happened to one entry, and whether the entries after it are worth trying in this run. */
interface Settled {
  outcome: Outcome;
  stop: boolean;
}

const MISSING_SCREENSHOT = 'Its screenshot is missing from Snag’s local storage, so it cannot be sent: discard it';

/**
 * Send every due outbox entry: the record, then its screenshot; sent only when both are
 * acknowledged. Safe to stop at any instant: the entry being sent is leased, not flagged, so it is
 * due again when the lease runs out, and the server's idempotency makes sending it again harmless.
 * Nothing is ever deleted here but sent history beyond `SENT_HISTORY`.
 */
export async function syncOutbox(deps: SyncDeps): Promise<SyncReport> {
  return deps.lock(async () => {
    const report: SyncReport = { sent: 0, retrying: 0, needsAttention: 0, skipped: null };
    const server = await deps.server();
    if (!server.ok) return { ...report, skipped: server.reason };

    const api = createApiClient({ fetch: deps.fetch, now: deps.now, timeout: deps.timeout, ...server.value });
    const leaseId = crypto.randomUUID();
    for (;;) {
      const entry = await claimNextDue(deps.db, { now: deps.now(), leaseId, leaseFor: leaseForNextRequest });
      if (!entry) break;
      await deps.onChange?.();
      const { outcome, stop } = await sendEntry(deps, api, entry, leaseId);
      if (outcome !== 'lost') report[outcome] += 1;
      await deps.onChange?.();
      if (stop) break;
    }
    if ((await pruneSent(deps.db)) > 0) await deps.onChange?.();
    return report;
  });
}

function leaseForNextRequest(entry: OutboxEntry): number {
  return entry.recordAccepted && entry.screenshot ? leaseMs(entry.screenshot.bytes) : leaseMs(RECORD_BYTES_BOUND);
}

async function sendEntry(deps: SyncDeps, api: ApiClient, claimed: OutboxEntry, leaseId: string): Promise<Settled> {
  const { db, now } = deps;
  let entry = claimed;
  if (!entry.recordAccepted) {
    const created = await api.createCapture(entry.input);
    if (!created.ok) return settle(deps, entry, leaseId, created.problem);
    if (!entry.screenshot) {
      await markSent(db, entry.id, now());
      return { outcome: 'sent', stop: false };
    }
    const renewed = await markRecordAccepted(db, entry.id, leaseId, now() + leaseMs(entry.screenshot.bytes));
    if (!renewed) return { outcome: 'lost', stop: false };
    await deps.onChange?.(); // the lease now covers the upload: the alarm follows
    entry = renewed;
  }

  if (entry.screenshot) {
    const image = await getScreenshot(db, entry.id);
    if (!image) return settle(deps, entry, leaseId, { kind: 'rejected', reason: MISSING_SCREENSHOT });
    const uploaded = await api.uploadScreenshot(entry.id, image.bytes, image.contentType);
    if (!uploaded.ok) return settle(deps, entry, leaseId, uploaded.problem);
  }

  await markSent(db, entry.id, now());
  return { outcome: 'sent', stop: false };
}

/**
 * Record what went wrong. A refusal that will repeat needs the user; a refused token holds every
 * waiting entry; anything else waits (backoff with jitter, or as long as the server asked) and
 * ends the run, as the next entries would fare no better.
 */
async function settle(deps: SyncDeps, entry: OutboxEntry, leaseId: string, problem: ApiProblem): Promise<Settled> {
  const { db, now, random } = deps;
  const { retryAfterMs, ...recorded } = problem;
  if (problem.kind === 'rejected') {
    const held = await markNeedsAttention(db, entry.id, leaseId, recorded);
    return { outcome: held ? 'needsAttention' : 'lost', stop: false };
  }
  if (problem.kind === 'token') {
    // 401: this token is no good for anything. 403: not allowed this one thing; others may pass.
    if (problem.status === 403) {
      const held = await markNeedsAttention(db, entry.id, leaseId, recorded);
      return { outcome: held ? 'needsAttention' : 'lost', stop: false };
    }
    await holdAllForToken(db, entry.id, leaseId, recorded);
    return { outcome: 'needsAttention', stop: true };
  }

  const wait = retryAfterMs === undefined ? backoffMs(entry.attempts, random) : retryAfterWaitMs(retryAfterMs);
  const nextAttemptAt = now() + wait;
  // The screenshot's PUT found no record: the server lost it, or the settings point elsewhere now.
  const recordMissing = entry.recordAccepted && problem.status === 404;
  const waiting = await markRetry(db, entry.id, leaseId, { problem: recorded, nextAttemptAt, recordMissing });
  if (problem.kind === 'rate-limited') await deferWaiting(db, nextAttemptAt);
  return { outcome: waiting ? 'retrying' : 'lost', stop: true };
}

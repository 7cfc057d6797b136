import type { OutboxEntry, SnagDb } from './db';
import { createApiClient, type ApiClient, type ApiProblem, type FetchLike } from './api-client';
import { getScreenshot, markFailed, markRecordAccepted, markRetry, markSending, markSent, nextDueEntry, updateEntry } from './outbox';
import { isConfigured, type Settings } from './settings';
import type { SyncLock } from './sync-lock';
import type { Result } from './result';

export interface SyncDeps {
  db: SnagDb;
  fetch: FetchLike;
  /** Epoch ms. */
  now: () => number;
  /** Read when the run starts, so a run queued behind another sees the latest settings. */
  settings: () => Promise<Result<Settings>>;
  lock: SyncLock;
}

export interface SyncReport {
  sent: number;
  retrying: number;
  failed: number;
  /** Why nothing was tried, if nothing was. */
  skipped: string | null;
}

const RETRY_BASE_MS = 30_000;
const RETRY_MAX_MS = 60 * 60_000;
const RETRY_AFTER_MAX_MS = 24 * 60 * 60_000;

/** 30 s, 1 min, 2 min, … up to an hour: the wait after the nth failed attempt. */
export function backoffMs(attempts: number): number {
  return Math.min(RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1), RETRY_MAX_MS);
}

type Outcome = 'sent' | 'retry' | 'failed';

/**
 * Send every due outbox entry, oldest first: the record, then its screenshot. An entry is marked
 * sent only when both got through; it is never deleted, so nothing saved is lost.
 */
export async function syncOutbox(deps: SyncDeps): Promise<SyncReport> {
  return deps.lock(async () => {
    const report: SyncReport = { sent: 0, retrying: 0, failed: 0, skipped: null };
    const settings = await deps.settings();
    if (!settings.ok) return { ...report, skipped: settings.reason };
    if (!isConfigured(settings.value)) return { ...report, skipped: 'Snag has no server or token yet' };

    const api = createApiClient({ fetch: deps.fetch, now: deps.now, ...settings.value });
    const tried = new Set<string>();
    for (;;) {
      const entry = await nextDueEntry(deps.db, deps.now(), tried);
      if (!entry) break;
      tried.add(entry.id);
      const { outcome, stop } = await sendEntry(deps, api, entry);
      report[outcome === 'retry' ? 'retrying' : outcome] += 1;
      // The server is down, busy, or refuses the token: the next entries would fare no better.
      if (stop) break;
    }
    return report;
  });
}

async function sendEntry(
  { db, now }: SyncDeps,
  api: ApiClient,
  entry: OutboxEntry,
): Promise<{ outcome: Outcome; stop: boolean }> {
  const claimed = await updateEntry(db, entry.id, markSending);
  if (!claimed) return { outcome: 'failed', stop: false };

  if (!claimed.recordAccepted) {
    const created = await api.createCapture(claimed.input);
    if (!created.ok) return settle(db, claimed, created.problem, now());
    await updateEntry(db, claimed.id, markRecordAccepted);
  }

  if (claimed.screenshot) {
    const image = await getScreenshot(db, claimed.id);
    if (!image) {
      const missing: ApiProblem = { kind: 'rejected', reason: 'The screenshot is missing from Snag’s local storage' };
      return settle(db, claimed, missing, now());
    }
    const uploaded = await api.uploadScreenshot(claimed.id, image.bytes, image.contentType);
    if (!uploaded.ok) return settle(db, claimed, uploaded.problem, now());
  }

  await markSent(db, claimed.id, now());
  return { outcome: 'sent', stop: false };
}

/** Record what went wrong: a refusal that will repeat fails the entry, anything else waits and retries. */
async function settle(
  db: SnagDb,
  entry: OutboxEntry,
  { kind, reason, retryAfterMs }: ApiProblem,
  now: number,
): Promise<{ outcome: Outcome; stop: boolean }> {
  const problem = { kind, reason };
  if (kind === 'rejected') {
    await updateEntry(db, entry.id, markFailed(problem));
    return { outcome: 'failed', stop: false };
  }
  const wait = retryAfterMs === undefined ? backoffMs(entry.attempts) : Math.min(retryAfterMs, RETRY_AFTER_MAX_MS);
  await updateEntry(db, entry.id, markRetry(problem, now + wait));
  return { outcome: 'retry', stop: true };
}

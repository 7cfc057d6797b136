import type { CaptureKind } from '#shared/capture';
import type { OutboxEntry, ProblemKind } from './model';

/** A capture the user has to do something about, and why. */
export interface AttentionItem {
  id: string;
  kind: CaptureKind;
  title: string;
  savedAt: number;
  problem: ProblemKind;
  reason: string;
}

/**
 * A capture on its way. Progress is by phase: a service worker has no XMLHttpRequest, and fetch
 * reports nothing while a plain body uploads (see `uploadScreenshot`).
 */
export interface UploadItem {
  id: string;
  title: string;
  phase: 'record' | 'screenshot';
  /** Size of the screenshot being uploaded, when that is the phase. */
  bytes: number | null;
}

export interface OutboxSummary {
  /** Due now or later, expected to go through by itself (an entry whose lease ran out included). */
  waiting: number;
  /** Held by a live sync run. */
  sending: number;
  /** Local history (see `pruneSent`). */
  sent: number;
  needsAttention: number;
  attention: AttentionItem[];
  uploads: UploadItem[];
  /** Why waiting entries are being retried (server unreachable…), if they are. */
  retrying: string | null;
  /** When the next waiting entry is due (epoch ms), if any is. */
  nextAttemptAt: number | null;
}

const titleOf = (entry: OutboxEntry) => entry.input.page.title || entry.input.page.url;

/** Each entry counts once, in the state the user should see it in at `now`. */
export function summarizeOutbox(entries: readonly OutboxEntry[], now: number): OutboxSummary {
  const sending = entries.filter((entry) => entry.state === 'sending' && entry.nextAttemptAt > now);
  const waiting = entries
    .filter((entry) => entry.state === 'waiting' || (entry.state === 'sending' && entry.nextAttemptAt <= now))
    .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt);
  const attention = entries
    .filter((entry) => entry.state === 'needs-attention')
    .sort((a, b) => a.savedAt - b.savedAt);
  return {
    waiting: waiting.length,
    sending: sending.length,
    sent: entries.filter((entry) => entry.state === 'sent').length,
    needsAttention: attention.length,
    attention: attention.map((entry) => ({
      id: entry.id,
      kind: entry.input.kind,
      title: titleOf(entry),
      savedAt: entry.savedAt,
      problem: entry.lastError?.kind ?? 'rejected',
      reason: entry.lastError?.reason ?? 'The server refused this capture',
    })),
    uploads: sending.map((entry) => ({
      id: entry.id,
      title: titleOf(entry),
      phase: entry.recordAccepted && entry.screenshot ? 'screenshot' : 'record',
      bytes: entry.recordAccepted && entry.screenshot ? entry.screenshot.bytes : null,
    })),
    retrying: waiting.find((entry) => entry.lastError)?.lastError?.reason ?? null,
    nextAttemptAt: waiting[0]?.nextAttemptAt ?? null,
  };
}

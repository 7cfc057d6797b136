import type { ParsedCaptureInput, ScreenshotContentType } from '#shared/capture';

// The outbox model: what a saved capture on its way looks like, apart from where it is stored.

/**
 * Where a saved capture stands. `waiting`: due at `nextAttemptAt`. `sending`: a sync run holds it
 * until `nextAttemptAt` (its lease). `sent`: the server acknowledged record and screenshot.
 * `needs-attention`: the server refused it, or the token; only the user can move it on.
 */
export type OutboxState = 'waiting' | 'sending' | 'sent' | 'needs-attention';

/**
 * `unreachable`, `server`, `rate-limited`: retried by themselves. `token`: the server refused the
 * token. `rejected`: the server refused the capture itself, and would again.
 */
export const problemKinds = ['unreachable', 'server', 'rate-limited', 'token', 'rejected'] as const;
export type ProblemKind = (typeof problemKinds)[number];

export interface OutboxProblem {
  kind: ProblemKind;
  /** For people: what happened and what to do about it. */
  reason: string;
  /** The HTTP status, when the server answered. */
  status?: number;
}

/** A saved capture on its way to the server. Its screenshot, if any, is in `screenshots` under the same id. */
export interface OutboxEntry {
  id: string;
  /**
   * The exact body POSTed on every attempt: the server answers a retry with 200 only when it is
   * identical. Declares the screenshot (`input.screenshot`, with its SHA-256) when there is one.
   */
  input: ParsedCaptureInput;
  state: OutboxState;
  /** Attempts so far; the backoff grows with it. */
  attempts: number;
  lastError: OutboxProblem | null;
  /**
   * Epoch ms before which no sync run takes the entry: the end of its backoff while waiting, the
   * expiry of its lease while sending (so an entry whose worker died becomes due again by itself).
   */
  nextAttemptAt: number;
  /** Which run holds the entry while it is `sending`; a run only records outcomes for entries it still holds. */
  leaseId: string | null;
  /** The server has the record (POST answered 200/201); only the screenshot may still be missing. */
  recordAccepted: boolean;
  screenshot: { contentType: ScreenshotContentType; bytes: number } | null;
  savedAt: number;
  sentAt: number | null;
}

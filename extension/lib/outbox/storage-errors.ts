import { errorMessage } from '../result';

/** Why saving a capture to the outbox did not happen; the draft is untouched in every case. */
export type SaveProblemKind = 'already-saved' | 'too-large' | 'storage-full' | 'storage-failed';

export interface SaveProblem {
  ok: false;
  kind: SaveProblemKind;
  /** Shown as is in the editor: what happened and what to do. */
  reason: string;
}

export const STORAGE_FULL =
  'Not saved: there is no room left for Snag’s data (the disk, or the browser’s storage, is full). ' +
  'Your capture is still here: free some disk space, then press Save again.';

// Compared by name, not `instanceof DOMException`: the error may come from another realm's class.
const errorName = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string'
    ? error.name
    : undefined;

/**
 * QuotaExceededError is the standard answer to a full disk or quota. Chrome sometimes aborts the
 * transaction instead, reporting only AbortError: no transaction of ours is aborted on purpose, so
 * an abort is taken to mean the same.
 */
export function isStorageFull(error: unknown): boolean {
  const name = errorName(error);
  return name === 'QuotaExceededError' || name === 'AbortError';
}

/** A failed outbox write as a value the editor can show. */
export function saveProblemFrom(error: unknown): SaveProblem {
  if (isStorageFull(error)) return { ok: false, kind: 'storage-full', reason: STORAGE_FULL };
  return {
    ok: false,
    kind: 'storage-failed',
    reason: `Not saved: the browser could not store this capture (${errorMessage(error)}). Your capture is still here: press Save to try again.`,
  };
}

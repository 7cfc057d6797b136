import type { FullPageControl, FullPageProgress } from './capture';
import { fail, type Result } from '../../result';

export const ALREADY_RUNNING = 'A full-page capture is already running: wait for it, or cancel it from the popup.';

/**
 * The full-page capture running now, for the popup to follow and cancel. Held in memory only while
 * the capture's own message is being answered, which keeps an MV3 service worker alive anyway.
 */
export function fullPageRuns() {
  let current: { controller: AbortController; progress: FullPageProgress | null } | null = null;
  return {
    async run<T>(capture: (control: FullPageControl) => Promise<Result<T>>): Promise<Result<T>> {
      if (current) return fail(ALREADY_RUNNING);
      const run: { controller: AbortController; progress: FullPageProgress | null } = { controller: new AbortController(), progress: null };
      current = run;
      try {
        return await capture({ signal: run.controller.signal, onProgress: (progress) => (run.progress = progress) });
      } finally {
        current = null;
      }
    },
    /** Null when no capture runs, or it has not taken its first section yet. */
    progress: (): FullPageProgress | null => current?.progress ?? null,
    /** Whether there was a capture to cancel. */
    cancel(): boolean {
      if (!current) return false;
      current.controller.abort();
      return true;
    },
  };
}

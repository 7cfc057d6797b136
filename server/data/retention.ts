import type { EventBus } from '../live/event-bus';
import type { ScreenshotStore } from '../screenshots';
import type { Store } from '../store/store';
import { finishDeletion } from './finish-deletion';
import { drainScreenshotErasures } from './screenshot-erasure';

export const RETENTION_INTERVAL_MS = 60 * 60_000;
/** Small enough that one batch's transaction never holds the (SQLite) write lock for long. */
export const RETENTION_BATCH_SIZE = 500;
const DAY_MS = 24 * 60 * 60_000;
const FIRST_RUN_AFTER_MS = 60_000;

export interface RetentionDeps {
  store: Store;
  screenshots: ScreenshotStore;
  /** Tells open dashboards about purged captures. */
  events?: EventBus;
  now?: () => Date;
  /** Default hourly. */
  intervalMs?: number;
  /** The first run after starting; default a minute, so it does not compete with start-up. */
  firstRunAfterMs?: number;
  batchSize?: number;
}

export interface Retention {
  stop(): void;
  /** Purges now (after any run already under way); answers how many captures went. */
  runOnce(): Promise<number>;
}

/**
 * Removes captures older than the workspace's retention (by created_at), with everything that
 * references them and their screenshot files, in batches; each run that removed anything is
 * audited as retention.purged, and retries journaled file removals. Runs never overlap.
 */
export function startRetention(deps: RetentionDeps): Retention {
  const now = deps.now ?? (() => new Date());
  const intervalMs = deps.intervalMs ?? RETENTION_INTERVAL_MS;
  const batchSize = Math.max(1, deps.batchSize ?? RETENTION_BATCH_SIZE);
  let queue: Promise<unknown> = Promise.resolve();
  let busy = false;

  const purge = async (): Promise<number> => {
    const { retentionDays } = await deps.store.dataControl.getSettings();
    if (retentionDays === null) return 0;
    const before = new Date(now().getTime() - retentionDays * DAY_MS).toISOString();
    let purged = 0;
    for (;;) {
      const result = await deps.store.dataControl.deleteCreatedBefore(before, batchSize);
      await finishDeletion(deps, result, { actorId: null, at: now().toISOString() });
      purged += result.deleted.length;
      if (result.deleted.length < batchSize) break;
    }
    // Files an earlier deletion could not remove get another try.
    await drainScreenshotErasures(deps);
    if (purged > 0) {
      await deps.store.audit.record({
        action: 'retention.purged',
        actor: null,
        target: null,
        details: { count: purged, retentionDays, before },
      });
    }
    return purged;
  };

  const runOnce = (): Promise<number> => {
    const run = queue.then(purge);
    queue = run.catch(() => undefined);
    return run;
  };

  const tick = () => {
    if (busy) return;
    busy = true;
    runOnce()
      .catch((error: unknown) => console.error('retention: purging old captures failed; will try again at the next run:', error))
      .finally(() => {
        busy = false;
      });
  };

  let interval: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    tick();
    interval = setInterval(tick, intervalMs);
    interval.unref();
  }, deps.firstRunAfterMs ?? Math.min(FIRST_RUN_AFTER_MS, intervalMs));
  first.unref();

  return {
    stop() {
      clearTimeout(first);
      if (interval !== undefined) clearInterval(interval);
    },
    runOnce,
  };
}

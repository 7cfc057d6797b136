import type { ScreenshotStore } from '../screenshots';
import type { Store } from '../store/store';

export interface ScreenshotErasureDeps {
  store: Pick<Store, 'dataControl'>;
  screenshots: ScreenshotStore;
}

const DRAIN_BATCH = 500;

/** Files checked and removed under one set of locks: two queries per batch, not per file. */
const ERASE_BATCH = 100;

/**
 * Removes the files of these journaled SHA-256 unless a capture points at them again (an upload
 * of the same bytes to another capture), then takes them off the journal. A file that cannot be
 * removed stays journaled and is tried again at the next drain. Answers how many files went.
 */
export async function eraseScreenshots(deps: ScreenshotErasureDeps, sha256s: readonly string[]): Promise<number> {
  let removed = 0;
  for (let start = 0; start < sha256s.length; start += ERASE_BATCH) {
    removed += await eraseBatch(deps, sha256s.slice(start, start + ERASE_BATCH));
  }
  return removed;
}

async function eraseBatch({ store, screenshots }: ScreenshotErasureDeps, batch: readonly string[]): Promise<number> {
  return screenshots.exclusiveAll(batch, async () => {
    let removed = 0;
    const inUse = await store.dataControl.screenshotsInUse(batch);
    const settled: string[] = [];
    for (const sha256 of batch) {
      try {
        if (!inUse.has(sha256) && (await screenshots.delete(sha256))) removed += 1;
        settled.push(sha256);
      } catch (error) {
        console.error(`could not remove screenshot file ${sha256} of a deleted capture; will try again at the next start:`, error);
      }
    }
    await store.dataControl.clearScreenshotErasures(settled);
    return removed;
  });
}

/** Works through the whole journal (a crash or a failed removal leaves entries); answers how many files went. */
export async function drainScreenshotErasures(deps: ScreenshotErasureDeps): Promise<number> {
  let removed = 0;
  const tried = new Set<string>();
  for (;;) {
    const pending = (await deps.store.dataControl.pendingScreenshotErasures(DRAIN_BATCH + tried.size)).filter((sha) => !tried.has(sha));
    if (pending.length === 0) return removed;
    for (const sha of pending) tried.add(sha);
    removed += await eraseScreenshots(deps, pending);
  }
}

/**
 * Removes screenshot files no capture points at: left by deletions from before the journal, or by
 * an upload whose process died between moving its file in and recording it. Answers how many went.
 */
export async function sweepOrphanScreenshots({ store, screenshots }: ScreenshotErasureDeps): Promise<number> {
  let removed = 0;
  for await (const stored of screenshots.storedFiles()) {
    for (let start = 0; start < stored.length; start += DRAIN_BATCH) {
      const chunk = stored.slice(start, start + DRAIN_BATCH);
      const inUse = await store.dataControl.screenshotsInUse(chunk);
      const unused = chunk.filter((sha) => !inUse.has(sha));
      // Checked again under the files' locks: an upload may have claimed one meanwhile.
      removed += await screenshots.exclusiveAll(unused, async () => {
        const claimed = await store.dataControl.screenshotsInUse(unused);
        let gone = 0;
        for (const sha256 of unused.filter((sha) => !claimed.has(sha))) {
          try {
            if (await screenshots.delete(sha256)) gone += 1;
          } catch (error) {
            console.error(`could not remove screenshot file ${sha256}, which no capture uses; will try again at the next start:`, error);
          }
        }
        return gone;
      });
    }
  }
  return removed;
}

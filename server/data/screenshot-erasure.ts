import type { ScreenshotStore } from '../screenshots';
import type { Store } from '../store/store';

export interface ScreenshotErasureDeps {
  store: Pick<Store, 'dataControl'>;
  screenshots: ScreenshotStore;
}

const DRAIN_BATCH = 500;

/**
 * Removes the files of these journaled SHA-256 unless a capture points at them again (an upload
 * of the same bytes to another capture), then takes them off the journal. A file that cannot be
 * removed stays journaled and is tried again at the next drain. Answers how many files went.
 */
export async function eraseScreenshots({ store, screenshots }: ScreenshotErasureDeps, sha256s: readonly string[]): Promise<number> {
  let removed = 0;
  for (const sha256 of sha256s) {
    try {
      await screenshots.exclusive(sha256, async () => {
        const inUse = await store.dataControl.screenshotsInUse([sha256]);
        if (!inUse.has(sha256) && (await screenshots.delete(sha256))) removed += 1;
        await store.dataControl.clearScreenshotErasures([sha256]);
      });
    } catch (error) {
      console.error(`could not remove screenshot file ${sha256} of a deleted capture; will try again at the next start:`, error);
    }
  }
  return removed;
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
      for (const sha256 of chunk.filter((sha) => !inUse.has(sha))) {
        // Checked again under the file's lock: an upload may have claimed it meanwhile.
        await screenshots.exclusive(sha256, async () => {
          if ((await store.dataControl.screenshotsInUse([sha256])).has(sha256)) return;
          if (await screenshots.delete(sha256)) removed += 1;
        });
      }
    }
  }
  return removed;
}

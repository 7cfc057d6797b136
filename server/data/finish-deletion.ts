import type { EventBus } from '../live/event-bus';
import type { ScreenshotStore } from '../screenshots';
import type { DeletionResult } from '../store/data-control/store';

export interface FinishDeletionDeps {
  screenshots: ScreenshotStore;
  events?: EventBus;
}

/**
 * What follows a committed deletion: screenshot files nothing points at are removed, and open
 * dashboards hear that the captures are gone. A file that cannot be removed is only logged: the
 * rows are already gone, and an orphaned file is harmless and can be removed by hand.
 */
export async function finishDeletion(
  { screenshots, events }: FinishDeletionDeps,
  result: DeletionResult,
  context: { actorId: string | null; at: string },
): Promise<void> {
  for (const sha256 of result.unreferencedScreenshots) {
    try {
      await screenshots.delete(sha256);
    } catch (error) {
      console.error(`could not remove screenshot file ${sha256} of a deleted capture:`, error);
    }
  }
  for (const capture of result.deleted) {
    events?.publish({
      type: 'capture.deleted',
      captureId: capture.id,
      reporterId: capture.reporterId,
      actorId: context.actorId,
      at: context.at,
    });
  }
}

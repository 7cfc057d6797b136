import type { EventBus } from '../live/event-bus';
import type { DeletionResult } from '../store/data-control/store';
import { eraseScreenshots, type ScreenshotErasureDeps } from './screenshot-erasure';

export interface FinishDeletionDeps extends ScreenshotErasureDeps {
  events?: EventBus;
}

/**
 * What follows a committed deletion: screenshot files nothing points at are removed, and open
 * dashboards hear that the captures are gone. The deletion journaled those files in its own
 * transaction, so one that cannot be removed now (or a crash) is removed at the next start.
 */
export async function finishDeletion(deps: FinishDeletionDeps, result: DeletionResult, context: { actorId: string | null; at: string }): Promise<void> {
  await eraseScreenshots(deps, result.unreferencedScreenshots);
  for (const capture of result.deleted) {
    deps.events?.publish({
      type: 'capture.deleted',
      captureId: capture.id,
      reporterId: capture.reporterId,
      actorId: context.actorId,
      at: context.at,
    });
  }
}

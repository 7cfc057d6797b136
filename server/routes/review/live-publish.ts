import type { LiveEvent } from '#shared/live';
import type { EventBus } from '../../live/event-bus';

/** Tells open dashboards that these captures changed (each listener filters what it may see). */
export function publishChanges(
  events: EventBus,
  type: LiveEvent['type'],
  captures: readonly { id: string; reporter: { id: string } }[],
  actorId: string | null,
  at: string,
): void {
  for (const capture of captures) {
    events.publish({ type, captureId: capture.id, reporterId: capture.reporter.id, actorId, at });
  }
}

import type { HistoryEvent } from '#shared/review';
import { captureHref } from '../ui/route';
import { usePeople } from '../ui/people';
import { Timestamp } from '../ui/Timestamp';
import { describeEvent, otherCapture } from './history-text';

/** Who changed what, when: every triage change, comment and merge, oldest first. */
export function HistoryTimeline({ events, loadError }: { events: readonly HistoryEvent[] | null; loadError: string | null }) {
  const people = usePeople();
  return (
    <section aria-labelledby="detail-history" aria-busy={events === null && !loadError}>
      <h2 id="detail-history">History</h2>
      {loadError && <p className="field-error">History could not be loaded: {loadError}</p>}
      {events === null && !loadError && <p className="muted">Loading history…</p>}
      {events !== null && (
        <ol className="timeline">
          {events.map((event) => {
            const other = otherCapture(event);
            return (
              <li key={event.id} className={`timeline-${event.type}`}>
                <span>
                  <strong>{event.actor?.name ?? 'Snag'}</strong> {describeEvent(event, people.nameOf)}
                  {other !== null && (
                    <>
                      {' '}
                      (<a href={captureHref(other)}>open</a>)
                    </>
                  )}
                </span>
                <Timestamp iso={event.at} relative />
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

import { priority as prioritySchema, triageStatus, type HistoryEvent } from '#shared/review';
import { PRIORITY_LABELS, STATUS_LABELS } from '../ui/format';

/** One history entry as a phrase after the actor's name, e.g. "changed status from New to Resolved". */
export function describeEvent(event: HistoryEvent, nameOf: (id: string) => string | null): string {
  const status = (value: string | null) => {
    const parsed = triageStatus.safeParse(value);
    return parsed.success ? STATUS_LABELS[parsed.data] : (value ?? 'none');
  };
  const priority = (value: string | null) => {
    const parsed = prioritySchema.safeParse(value);
    return parsed.success ? PRIORITY_LABELS[parsed.data] : 'none';
  };
  const person = (value: string | null) => (value === null ? 'nobody' : (nameOf(value) ?? 'a former member'));
  switch (event.type) {
    case 'created':
      return 'sent this capture';
    case 'status':
      return `changed status from ${status(event.from)} to ${status(event.to)}`;
    case 'priority':
      return event.to === null
        ? `cleared the priority (was ${priority(event.from)})`
        : `set priority to ${priority(event.to)}${event.from === null ? '' : ` (was ${priority(event.from)})`}`;
    case 'assignee':
      return event.to === null ? `unassigned ${person(event.from)}` : `assigned ${person(event.to)}`;
    case 'comment':
      return 'commented';
    case 'merged':
      return 'merged a duplicate into this capture';
    case 'merged_into':
      return 'merged this capture into another';
    case 'unmerged':
      return 'unmerged a duplicate';
  }
}

/** For merges, the other capture the entry points at (a link in the timeline). */
export function otherCapture(event: HistoryEvent): string | null {
  if (event.type === 'merged') return event.to ?? event.from;
  if (event.type === 'merged_into') return event.to;
  if (event.type === 'unmerged') return event.from ?? event.to;
  return null;
}

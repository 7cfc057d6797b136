import type { Person, ReviewedCapture } from '#shared/review';
import type { TriageChange } from './api';
import { PRIORITY_LABELS, STATUS_LABELS, plural } from '../format';

/**
 * What a capture will look like once the server has taken a triage change: shown at once, then
 * replaced by the server's answer (or rolled back when it refuses).
 */
export function applyTriage(
  capture: ReviewedCapture,
  change: TriageChange,
  person: (id: string) => Person,
  at: string,
): ReviewedCapture {
  const triage = { ...capture.triage, updatedAt: at };
  if (change.status !== undefined) triage.status = change.status;
  if (change.priority !== undefined) triage.priority = change.priority;
  if (change.assigneeId !== undefined) triage.assignee = change.assigneeId === null ? null : person(change.assigneeId);
  return { ...capture, triage };
}

/** True when the change would alter nothing on this capture (so no request is needed). */
export function changesNothing(capture: ReviewedCapture, change: TriageChange): boolean {
  const { status, priority, assignee } = capture.triage;
  return (
    (change.status === undefined || change.status === status) &&
    (change.priority === undefined || change.priority === priority) &&
    (change.assigneeId === undefined || change.assigneeId === (assignee?.id ?? null))
  );
}

/** "Status set to Resolved on 3 captures", for the live region and toasts. */
export function describeChange(change: TriageChange, count: number, assigneeName: string | null): string {
  const parts: string[] = [];
  if (change.status !== undefined) parts.push(`status set to ${STATUS_LABELS[change.status]}`);
  if (change.priority !== undefined) {
    parts.push(change.priority === null ? 'priority cleared' : `priority set to ${PRIORITY_LABELS[change.priority]}`);
  }
  if (change.assigneeId !== undefined) {
    parts.push(change.assigneeId === null ? 'unassigned' : `assigned to ${assigneeName ?? 'someone'}`);
  }
  const what = parts.join(', ');
  const sentence = `${what.charAt(0).toUpperCase()}${what.slice(1)}`;
  return count === 1 ? sentence : `${sentence} on ${plural(count, 'capture', 'captures')}`;
}

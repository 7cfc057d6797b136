import { memo, useId } from 'react';
import { priority as prioritySchema, settableStatus, triageStatuses, priorities, type ReviewedCapture } from '#shared/review';
import type { TriageChange } from './api';
import { PRIORITY_LABELS, STATUS_LABELS } from '../format';
import { usePeople } from '../people';
import type { SessionUser } from '../session-types';

interface TriageControlsProps {
  capture: ReviewedCapture;
  me: SessionUser;
  /** Without triage:write the triage is shown, not editable. */
  editable: boolean;
  onChange: (id: string, change: TriageChange) => void;
  /** Feed rows: one line, labels for screen readers only. */
  compact?: boolean;
  /** Rows not in focus keep their controls out of the Tab order (the grid has one tab stop). */
  tabbable?: boolean;
}

/** Status, priority and assignee of one capture: three native selects, quick by mouse and keyboard. */
export const TriageControls = memo(function TriageControls({
  capture,
  me,
  editable,
  onChange,
  compact = false,
  tabbable = true,
}: TriageControlsProps) {
  const people = usePeople();
  const id = useId();
  const { status, priority, assignee } = capture.triage;

  if (!editable) {
    return (
      <dl className={compact ? 'triage triage-compact' : 'triage'}>
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`status-badge status-${status}`}>{STATUS_LABELS[status]}</span>
          </dd>
        </div>
        <div>
          <dt>Priority</dt>
          <dd>{priority === null ? 'None' : PRIORITY_LABELS[priority]}</dd>
        </div>
        <div>
          <dt>Assignee</dt>
          <dd>{assignee?.name ?? 'Unassigned'}</dd>
        </div>
      </dl>
    );
  }

  const tabIndex = tabbable ? undefined : -1;
  const labelClass = compact ? 'visually-hidden' : undefined;
  const everyone = [...(people.list ?? [])];
  if (!everyone.some((person) => person.id === me.id)) everyone.unshift({ id: me.id, name: me.name, role: me.role });
  if (assignee && !everyone.some((person) => person.id === assignee.id)) everyone.push({ ...assignee, role: 'member' });

  return (
    <div className={compact ? 'triage triage-compact' : 'triage'}>
      <div className="field">
        <label htmlFor={`${id}-status`} className={labelClass}>
          Status
        </label>
        <select
          id={`${id}-status`}
          className={`status-select status-${status}`}
          value={status}
          tabIndex={tabIndex}
          onChange={(event) => {
            const next = settableStatus.safeParse(event.currentTarget.value);
            if (next.success) onChange(capture.id, { status: next.data });
          }}
        >
          {triageStatuses.map((option) => (
            <option key={option} value={option} disabled={option === 'duplicate'}>
              {STATUS_LABELS[option]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-priority`} className={labelClass}>
          Priority
        </label>
        <select
          id={`${id}-priority`}
          className={priority === null ? 'priority-select' : `priority-select priority-${priority}`}
          value={priority ?? ''}
          tabIndex={tabIndex}
          onChange={(event) => {
            const value = event.currentTarget.value;
            const next = prioritySchema.safeParse(value);
            onChange(capture.id, { priority: next.success ? next.data : null });
          }}
        >
          <option value="">No priority</option>
          {priorities.map((option) => (
            <option key={option} value={option}>
              {PRIORITY_LABELS[option]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-assignee`} className={labelClass}>
          Assignee
        </label>
        <select
          id={`${id}-assignee`}
          value={assignee?.id ?? ''}
          tabIndex={tabIndex}
          onChange={(event) => {
            const value = event.currentTarget.value;
            onChange(capture.id, { assigneeId: value === '' ? null : value });
          }}
        >
          <option value="">Unassigned</option>
          {everyone.map((person) => (
            <option key={person.id} value={person.id}>
              {person.id === me.id ? `Me (${person.name})` : person.name}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
});

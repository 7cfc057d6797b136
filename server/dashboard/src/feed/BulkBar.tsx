import { useId } from 'react';
import { priorities, priority as prioritySchema, settableStatus, type ReviewedCapture } from '#shared/review';
import type { TriageChange } from '../ui/triage/api';
import { pageLabel, plural, PRIORITY_LABELS, STATUS_LABELS } from '../ui/format';

interface BulkBarProps {
  count: number;
  /** Where a merge would go (the capture in focus, else the first selected); null when no merge is possible. */
  mergeTarget: ReviewedCapture | null;
  onChange: (change: TriageChange) => void;
  onAssign: () => void;
  onMerge: () => void;
  onClear: () => void;
}

const SETTABLE = ['new', 'triaged', 'in_progress', 'resolved', 'wont_fix'] as const;

/** What to do with the selected captures, all at once (one request, one transaction). */
export function BulkBar({ count, mergeTarget, onChange, onAssign, onMerge, onClear }: BulkBarProps) {
  const statusId = useId();
  const priorityId = useId();
  return (
    <section className="bulk-bar" aria-label="Bulk actions">
      <p className="bulk-count" aria-live="polite">
        <strong>{plural(count, 'capture', 'captures')}</strong> selected
      </p>
      <div className="field field-inline">
        <label htmlFor={statusId}>Set status</label>
        <select
          id={statusId}
          value=""
          onChange={(event) => {
            const status = settableStatus.safeParse(event.currentTarget.value);
            if (status.success) onChange({ status: status.data });
          }}
        >
          <option value="">Choose…</option>
          {SETTABLE.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-inline">
        <label htmlFor={priorityId}>Set priority</label>
        <select
          id={priorityId}
          value=""
          onChange={(event) => {
            const value = event.currentTarget.value;
            if (value === '') return;
            const parsed = prioritySchema.safeParse(value);
            onChange({ priority: parsed.success ? parsed.data : null });
          }}
        >
          <option value="">Choose…</option>
          {priorities.map((option) => (
            <option key={option} value={option}>
              {PRIORITY_LABELS[option]}
            </option>
          ))}
          <option value="clear">No priority</option>
        </select>
      </div>
      <button type="button" className="button-secondary" onClick={onAssign}>
        Assign…
      </button>
      <button
        type="button"
        className="button-secondary"
        onClick={onMerge}
        aria-disabled={mergeTarget === null}
        title={mergeTarget === null ? 'Select at least two captures (or one plus the one in focus)' : undefined}
      >
        {mergeTarget === null ? 'Merge' : `Merge into “${truncate(pageLabel(mergeTarget.page), 40)}”`}
      </button>
      <button type="button" className="button-secondary" onClick={onClear}>
        Clear selection
      </button>
    </section>
  );
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

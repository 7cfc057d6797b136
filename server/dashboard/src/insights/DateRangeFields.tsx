import { useId } from 'react';
import type { DateRange } from './range';

interface DateRangeFieldsProps {
  draft: DateRange;
  onChange(draft: DateRange): void;
  /** The id of the element explaining what is wrong with the range, when something is. */
  errorId: string | undefined;
}

/** The From and To date inputs, shared by the insights range picker and the digest form. */
export function DateRangeFields({ draft, onChange, errorId }: DateRangeFieldsProps) {
  const fromId = useId();
  const toId = useId();
  const invalid = errorId !== undefined;
  return (
    <>
      <div className="field">
        <label htmlFor={fromId}>From</label>
        <input
          id={fromId}
          type="date"
          value={draft.from}
          aria-invalid={invalid}
          aria-describedby={errorId}
          onChange={(event) => onChange({ ...draft, from: event.currentTarget.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={toId}>To</label>
        <input
          id={toId}
          type="date"
          value={draft.to}
          aria-invalid={invalid}
          aria-describedby={errorId}
          onChange={(event) => onChange({ ...draft, to: event.currentTarget.value })}
        />
      </div>
    </>
  );
}

import { useEffect, useId, useState, type FormEvent } from 'react';
import {
  checkRange,
  describeRange,
  presetLabel,
  presetRange,
  RANGE_PRESETS,
  type DateRange,
  type RangeChoice,
} from './range';
import { DateRangeFields } from './DateRangeFields';

interface RangePickerProps {
  range: DateRange;
  choice: RangeChoice;
  now: Date;
  onChange: (range: DateRange) => void;
}

function choiceFromValue(value: string): RangeChoice {
  return RANGE_PRESETS.find((days) => String(days) === value) ?? 'custom';
}

/** Last 7 / 30 / 90 days, or a custom range of UTC days. */
export function RangePicker({ range, choice, now, onChange }: RangePickerProps) {
  const selectId = useId();
  const errorId = useId();
  const [custom, setCustom] = useState(choice === 'custom');
  const [draft, setDraft] = useState<DateRange>({ from: range.from.slice(0, 10), to: range.to.slice(0, 10) });
  const [error, setError] = useState<string | null>(null);

  // Follow the URL when it changes from elsewhere (Back, a shared link).
  useEffect(() => {
    setDraft({ from: range.from.slice(0, 10), to: range.to.slice(0, 10) });
    if (choice === 'custom') setCustom(true);
  }, [range.from, range.to, choice]);

  function onSelect(value: string) {
    const picked = choiceFromValue(value);
    setError(null);
    if (picked === 'custom') {
      setCustom(true);
      return;
    }
    setCustom(false);
    onChange(presetRange(picked, now));
  }

  function onApply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problem = checkRange(draft);
    setError(problem);
    if (problem === null) onChange(draft);
  }

  const selected = custom ? 'custom' : String(choice);

  return (
    <form className="range-picker" aria-label="Date range" onSubmit={onApply}>
      <div className="field">
        <label htmlFor={selectId}>Date range</label>
        <select id={selectId} value={selected} onChange={(event) => onSelect(event.currentTarget.value)}>
          {RANGE_PRESETS.map((days) => (
            <option key={days} value={String(days)}>
              {presetLabel(days)}
            </option>
          ))}
          <option value="custom">Custom range</option>
        </select>
      </div>
      {custom && (
        <>
          <DateRangeFields draft={draft} onChange={setDraft} errorId={error ? errorId : undefined} />
          <button type="submit">Apply</button>
        </>
      )}
      <p className="range-summary muted">{describeRange(range)} (UTC)</p>
      {error && (
        <p className="field-error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

import { useEffect, useId, useLayoutEffect, useRef, useState, type Ref } from 'react';

const TYPING_DELAY_MS = 400;

interface DraftInputProps {
  label: string;
  /** The applied value (from the URL). */
  value: string | undefined;
  /**
   * Apply the typed text (undefined when empty). `replace`: this is not the first change of this
   * round of typing, so the URL should replace its history entry rather than add one.
   */
  onApply: (value: string | undefined, replace: boolean) => void;
  /** An error message for text that cannot be applied. */
  validate?: (text: string) => string | null;
  placeholder?: string;
  hint?: string;
  inputRef?: Ref<HTMLInputElement>;
  className?: string;
  type?: 'search' | 'text';
}

/**
 * A text filter that applies shortly after typing stops (or on Enter), and follows the URL when it
 * changes from elsewhere (Back, a link) without fighting what is being typed.
 */
export function DraftInput({
  label,
  value,
  onApply,
  validate,
  placeholder,
  hint,
  inputRef,
  className,
  type = 'search',
}: DraftInputProps) {
  const id = useId();
  const errorId = useId();
  const hintId = useId();
  const [draft, setDraft] = useState(value ?? '');
  const timer = useRef<number | undefined>(undefined);
  const pushed = useRef(false);
  const apply = useRef(onApply);
  useLayoutEffect(() => {
    apply.current = onApply;
  });

  useEffect(() => {
    setDraft((current) => (current.trim() === (value ?? '') ? current : (value ?? '')));
  }, [value]);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const error = validate && draft.trim() !== '' ? validate(draft.trim()) : null;

  function commit(text: string) {
    window.clearTimeout(timer.current);
    const trimmed = text.trim();
    if (validate && trimmed !== '' && validate(trimmed) !== null) return;
    if ((trimmed || undefined) === value) return;
    apply.current(trimmed || undefined, pushed.current);
    pushed.current = true;
  }

  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;

  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={id}>{label}</label>
      <input
        ref={inputRef}
        id={id}
        type={type}
        value={draft}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={error !== null}
        aria-describedby={describedBy}
        onFocus={() => {
          pushed.current = false;
        }}
        onChange={(event) => {
          const text = event.currentTarget.value;
          setDraft(text);
          window.clearTimeout(timer.current);
          timer.current = window.setTimeout(() => commit(text), TYPING_DELAY_MS);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            commit(event.currentTarget.value);
          }
        }}
        onBlur={(event) => commit(event.currentTarget.value)}
      />
      {hint && !error && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

interface ToggleGroupProps<T extends string> {
  label: string;
  options: readonly T[];
  labels: Readonly<Record<T, string>>;
  selected: readonly T[] | undefined;
  onToggle: (value: T) => void;
  /** A CSS class per option, e.g. status colours. */
  optionClass?: (value: T) => string;
}

/** A multi-choice filter as a row of toggle buttons (aria-pressed). */
export function ToggleGroup<T extends string>({ label, options, labels, selected, onToggle, optionClass }: ToggleGroupProps<T>) {
  const labelId = useId();
  return (
    <div className="toggle-group" role="group" aria-labelledby={labelId}>
      <span className="toggle-group-label" id={labelId}>
        {label}
      </span>
      <div className="toggle-group-options">
        {options.map((option) => {
          const pressed = selected?.includes(option) ?? false;
          return (
            <button
              key={option}
              type="button"
              className={['chip', pressed ? 'is-pressed' : '', optionClass?.(option) ?? ''].filter(Boolean).join(' ')}
              aria-pressed={pressed}
              onClick={() => onToggle(option)}
            >
              {labels[option]}
            </button>
          );
        })}
      </div>
    </div>
  );
}

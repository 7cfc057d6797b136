import { useId, type ReactNode } from 'react';

export interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

/**
 * A labelled form control with its hint and error, wired for assistive technology: the label
 * names the control, the hint and the error describe it.
 */
export function Field({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: ReactNode;
  error?: string | null | undefined;
  children: (control: ControlProps) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter((part) => part !== null).join(' ');
  return (
    <div className="acct-field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy || undefined })}
      {hint && (
        <p className="acct-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="acct-field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

/** A form's error that belongs to no one field, announced as soon as it shows. */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="acct-error" role="alert">
      {message}
    </p>
  );
}

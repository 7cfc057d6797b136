import type { FormEvent, ReactNode } from 'react';

interface SettingsFormProps {
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  busy: boolean;
  submitLabel: string;
  message: string;
  /** Buttons shown before the submit button, inside the same actions row. */
  actions?: ReactNode;
  children: ReactNode;
}

/** The form of an Options section with its actions row and the live hint for the outcome, kept alike across sections. */
export function SettingsForm({ onSubmit, busy, submitLabel, message, actions, children }: SettingsFormProps) {
  return (
    <>
      <form onSubmit={onSubmit} noValidate>
        {children}
        <div className="actions">
          {actions}
          <button type="submit" disabled={busy}>
            {submitLabel}
          </button>
        </div>
      </form>
      <p className="hint" aria-live="polite">
        {message}
      </p>
    </>
  );
}

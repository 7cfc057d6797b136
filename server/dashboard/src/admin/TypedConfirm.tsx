import { useState, type FormEvent } from 'react';
import { Field } from '../ui/Field';

/**
 * The last step before something that cannot be undone: the person types `phrase` exactly, then
 * presses the button. Guards against a click on the wrong row or a slip of the mouse.
 */
export function TypedConfirm({
  phrase,
  what,
  action,
  busy,
  onConfirm,
  onCancel,
}: {
  phrase: string;
  /** "every capture reported by Ann" */
  what: string;
  action: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (typed.trim() !== phrase.trim()) {
      setError(`Type “${phrase}” exactly to confirm.`);
      return;
    }
    setError(null);
    onConfirm();
  }

  return (
    <form className="acct-form acct-error" onSubmit={submit} noValidate aria-label={`Confirm: ${action}`}>
      <p>
        {`This deletes ${what}, with their screenshots, for good. It cannot be undone.`}
      </p>
      <Field label={`Type “${phrase}” to confirm`} error={error}>
        {(control) => (
          <input
            {...control}
            autoFocus
            autoComplete="off"
            spellCheck={false}
            value={typed}
            onChange={(event) => setTyped(event.currentTarget.value)}
          />
        )}
      </Field>
      <div className="acct-actions">
        <button type="submit" className="acct-danger" aria-disabled={busy}>
          {action}
        </button>
        <button type="button" className="acct-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

import { useEffect, useRef, useState } from 'react';

/**
 * A button that asks "are you sure?" in place before acting: the question, a confirming button
 * and Cancel. Focus moves to the question's buttons and back, so keyboard users never lose it.
 */
export function ConfirmButton({
  label,
  labelDetail,
  question,
  confirmLabel,
  onConfirm,
  disabled = false,
  danger = true,
}: {
  label: string;
  /** Read by screen readers after the label, e.g. which row's "Revoke" this is. */
  labelDetail?: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => Promise<void> | void;
  disabled?: boolean;
  danger?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) cancel.current?.focus();
    else if (wasAsking.current) opener.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button ref={opener} type="button" className="acct-secondary" disabled={disabled} onClick={() => setAsking(true)}>
        {label}
        {labelDetail && <span className="acct-sr-only"> {labelDetail}</span>}
      </button>
    );
  }
  return (
    <span className="acct-confirm" role="group" aria-label={question}>
      <span>{question}</span>
      <button
        type="button"
        className={danger ? 'acct-danger' : undefined}
        aria-disabled={busy}
        onClick={async () => {
          if (busy) return;
          setBusy(true);
          try {
            await onConfirm();
          } finally {
            setBusy(false);
            setAsking(false);
          }
        }}
      >
        {confirmLabel}
      </button>
      <button ref={cancel} type="button" className="acct-secondary" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}

import { useState } from 'react';
import { describeError } from '../ui/http';
import { Dialog } from '../ui/Dialog';

interface DeleteCaptureProps {
  onDelete: () => Promise<void>;
}

/** Deleting is for good (with its screenshot, comments and history): ask first. */
export function DeleteCapture({ onDelete }: DeleteCaptureProps) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onDelete();
    } catch (failure) {
      setBusy(false);
      setError(describeError(failure));
    }
  }

  return (
    <>
      <button type="button" className="button-danger" onClick={() => setConfirming(true)}>
        Delete capture
      </button>
      <Dialog open={confirming} onClose={() => setConfirming(false)} title="Delete this capture?">
        <p>
          The capture, its screenshot, comments and history are removed for everyone. This cannot be undone.
        </p>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="button-row">
          <button type="button" className="button-danger" aria-busy={busy} onClick={() => void confirm()}>
            Delete for good
          </button>
          <button type="button" className="button-secondary" autoFocus onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      </Dialog>
    </>
  );
}

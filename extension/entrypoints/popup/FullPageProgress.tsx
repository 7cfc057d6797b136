import { useEffect, useState } from 'react';
import { sendToBackground, type ResponseOf } from '@/lib/messages';

/** The background answers in a few milliseconds; a section takes half a second. */
const POLL_MS = 250;

/** "Section 4 of 12" while a full-page capture runs, and a way to stop it. */
export function FullPageProgress() {
  const [progress, setProgress] = useState<ResponseOf<'fullPageProgress'>>(null);
  const [cancelling, setCancelling] = useState(false);

  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      const answer = await sendToBackground('fullPageProgress', {});
      if (!stopped && answer.ok) setProgress(answer.value);
    };
    const timer = setInterval(() => void poll().catch(() => undefined), POLL_MS);
    void poll().catch(() => undefined);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);

  async function cancel() {
    setCancelling(true);
    // The capture answers its own request with "cancelled"; the popup shows that.
    await sendToBackground('cancelFullPage', {});
  }

  return (
    <div className="full-page-progress">
      {progress && (
        <>
          <progress max={progress.of} value={progress.section} aria-label="Full-page capture" />
          <p aria-live="polite">{`Section ${progress.section} of ${progress.of}`}</p>
        </>
      )}
      <button type="button" disabled={cancelling} onClick={() => void cancel()}>
        {cancelling ? 'Cancelling…' : 'Cancel'}
      </button>
    </div>
  );
}

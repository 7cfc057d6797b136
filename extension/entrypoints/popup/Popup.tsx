import { useCallback, useEffect, useState, type MouseEvent } from 'react';
import { browser } from 'wxt/browser';
import { StatusMessage } from '@/components/StatusMessage';
import { sendToBackground, type OutboxStatus } from '@/lib/messages';
import { ensurePersistentStorage } from '@/lib/outbox/persistent-storage';
import type { Result } from '@/lib/result';
import { AttentionList } from './AttentionList';
import { formatBytes, formatDueIn } from '@/lib/outbox/format';
import { FullPageProgress } from './FullPageProgress';
import { useOutboxStatus } from './use-outbox-status';

function uploadText({ title, phase, bytes }: OutboxStatus['uploads'][number]): string {
  return phase === 'screenshot' && bytes !== null
    ? `${title}: uploading the screenshot (${formatBytes(bytes)})…`
    : `${title}: sending…`;
}

type CaptureAction = 'captureScreen' | 'captureFullPage' | 'pinElement' | 'clipSelection';

/** What the popup says while the background works. */
const pending: Record<CaptureAction, string> = {
  captureScreen: 'Capturing…',
  captureFullPage: 'Capturing the whole page (it scrolls, two screens a second)…',
  pinElement: 'Point at the element to pin in the page, then click it (Esc cancels)',
  clipSelection: 'Clipping…',
};

export function Popup() {
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [running, setRunning] = useState<CaptureAction | null>(null);
  // A full-page capture that stopped (tab switched, page changed…) can be tried again in one click.
  const [retry, setRetry] = useState(false);
  const [outbox, setOutbox] = useOutboxStatus(setMessage);

  useEffect(() => {
    // Chrome offers `persist()` to pages only, not to the service worker: ask from here.
    ensurePersistentStorage(navigator.storage).catch((error: unknown) => console.warn('Snag: persist()', error));
  }, []);

  async function start(action: CaptureAction) {
    setBusy(true);
    setRetry(false);
    setRunning(action);
    setMessage(pending[action]);
    const request = sendToBackground(action, {});
    if (action === 'pinElement') {
      // The user picks the element in the page, where a toolbar popup would close at the first click
      // anyway. A popup opened as a tab of its own (tabs.getCurrent answers it) stays, as any tab would.
      if ((await browser.tabs.getCurrent()) === undefined) window.close();
      setBusy(false);
      setRunning(null);
      return;
    }
    const result = await request;
    setBusy(false);
    setRunning(null);
    setRetry(action === 'captureFullPage' && !result.ok);
    // On success the editor opens in a new tab, which usually closes this popup anyway.
    setMessage(result.ok ? 'Opened the editor in a new tab' : result.reason);
  }

  const act = useCallback(
    async (pending: string, request: Promise<Result<OutboxStatus>>) => {
      setBusy(true);
      setMessage(pending);
      const result = await request;
      setBusy(false);
      if (result.ok) setOutbox(result.value);
      setMessage(result.ok ? '' : result.reason);
    },
    [setOutbox],
  );

  async function openOptions(event: MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    await browser.runtime.openOptionsPage();
  }

  return (
    <main>
      <h1>Snag</h1>
      {outbox && !outbox.configured && (
        <p>
          {outbox.settingsProblem ?? 'Connect Snag to your team’s server before it can send anything.'}{' '}
          <a href="/options.html" target="_blank" onClick={openOptions}>
            Connect in Options
          </a>
        </p>
      )}
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => start('captureScreen')}>
          Capture this screen
        </button>
        <button type="button" disabled={busy} onClick={() => start('captureFullPage')}>
          Capture full page
        </button>
        <button type="button" disabled={busy} onClick={() => start('pinElement')}>
          Pin element
        </button>
        <button type="button" disabled={busy} onClick={() => start('clipSelection')}>
          Clip selection
        </button>
      </div>
      <StatusMessage>{message}</StatusMessage>
      {running === 'captureFullPage' && <FullPageProgress />}
      {retry && !busy && (
        <div className="actions">
          <button type="button" onClick={() => start('captureFullPage')}>
            Try the full page again
          </button>
        </div>
      )}
      {outbox && (
        <section aria-label="Outbox">
          <ul className="counts">
            <li>{`Waiting: ${outbox.waiting}`}</li>
            {outbox.sending > 0 && <li>{`Sending: ${outbox.sending}`}</li>}
            <li>{`Sent: ${outbox.sent}`}</li>
            {outbox.needsAttention > 0 && <li>{`Needs attention: ${outbox.needsAttention}`}</li>}
          </ul>
          {outbox.uploads.length > 0 && (
            <ul className="uploads" aria-label="Sending now">
              {outbox.uploads.map((upload) => (
                <li key={upload.id}>{uploadText(upload)}</li>
              ))}
            </ul>
          )}
          {outbox.retrying && (
            <p className="hint">
              {`Retrying: ${outbox.retrying}`}
              {outbox.nextAttemptAt !== null && ` (next try ${formatDueIn(outbox.nextAttemptAt, Date.now())})`}
            </p>
          )}
          {(outbox.needsAttention > 0 || outbox.retrying) && (
            <div className="actions">
              <button type="button" disabled={busy} onClick={() => act('Sending…', sendToBackground('syncNow', { retryAll: true }))}>
                {outbox.needsAttention > 0 ? 'Retry all' : 'Retry now'}
              </button>
            </div>
          )}
          {outbox.attention.length > 0 && (
            <AttentionList
              items={outbox.attention}
              busy={busy}
              onRetry={(id) => act('Sending…', sendToBackground('retryCapture', { id }))}
              onDiscard={(id) => act('Discarding…', sendToBackground('discardCapture', { id }))}
            />
          )}
        </section>
      )}
    </main>
  );
}

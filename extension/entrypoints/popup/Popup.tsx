import { useCallback, useEffect, useState, type MouseEvent } from 'react';
import { browser } from 'wxt/browser';
import { StatusMessage } from '@/components/StatusMessage';
import { sendToBackground, type OutboxStatus } from '@/lib/messages';

const REFRESH_MS = 2000;

export function Popup() {
  const [outbox, setOutbox] = useState<OutboxStatus | null>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    const status = await sendToBackground('getOutboxStatus', {});
    if (status.ok) setOutbox(status.value);
    else setMessage(status.reason);
  }, []);

  useEffect(() => {
    // Counts change while uploads run: keep them current for as long as the popup is open.
    const load = () => {
      refresh().catch((error: unknown) => setMessage(String(error)));
    };
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  async function start(action: 'captureScreen' | 'clipSelection') {
    setBusy(true);
    setMessage(action === 'captureScreen' ? 'Capturing…' : 'Clipping…');
    const result = await sendToBackground(action, {});
    setBusy(false);
    // On success the editor opens in a new tab, which usually closes this popup anyway.
    setMessage(result.ok ? 'Opened the editor in a new tab' : result.reason);
  }

  async function retry() {
    setBusy(true);
    setMessage('Sending…');
    const result = await sendToBackground('syncNow', { retryAll: true });
    setBusy(false);
    if (result.ok) setOutbox(result.value);
    setMessage(result.ok ? '' : result.reason);
  }

  async function openOptions(event: MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    await browser.runtime.openOptionsPage();
  }

  return (
    <main>
      <h1>Snag</h1>
      {outbox && !outbox.configured && (
        <p>
          {outbox.settingsProblem ?? 'Snag needs your server’s address and an access token before it can send anything.'}{' '}
          <a href="/options.html" target="_blank" onClick={openOptions}>
            Open settings
          </a>
        </p>
      )}
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => start('captureScreen')}>
          Capture this screen
        </button>
        <button type="button" disabled={busy} onClick={() => start('clipSelection')}>
          Clip selection
        </button>
      </div>
      <StatusMessage>{message}</StatusMessage>
      {outbox && (
        <section aria-label="Outbox">
          <ul className="counts">
            <li>{`Waiting: ${outbox.waiting}`}</li>
            <li>{`Sent: ${outbox.sent}`}</li>
            {outbox.needsAttention > 0 && <li>{`Needs attention: ${outbox.needsAttention}`}</li>}
          </ul>
          {outbox.reasons.length > 0 && (
            <ul className="reasons" aria-label="Why">
              {outbox.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          )}
          {outbox.retrying && <p className="hint">{`Retrying: ${outbox.retrying}`}</p>}
          {(outbox.needsAttention > 0 || outbox.retrying) && (
            <div className="actions">
              <button type="button" disabled={busy} onClick={retry}>
                Retry now
              </button>
            </div>
          )}
        </section>
      )}
    </main>
  );
}

import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { browser } from 'wxt/browser';
import { StatusMessage } from '@/components/StatusMessage';
import { sendToBackground } from '@/lib/messages';
import type { PairingStatus } from '@/lib/pairing/status';
import { errorMessage, fail } from '@/lib/result';
import { requestServerAccess } from '@/lib/api/server-permission';
import { normalizeServerUrl, readSettings, saveSettings, settingsStore } from '@/lib/settings/connection';
import { type Settings } from '@/lib/settings/items';
import { usePairing } from './use-pairing';
import './connect.css';

const PAIRED_NO_PASTE = 'Snag is connected by pairing. Paste a token here only to replace that connection.';

const connectedText = (user: { name: string; role: string }) => `Connected as ${user.name} (${user.role})`;

/**
 * "Connect to your Snag server": the server's address, then pairing (a code to confirm in the
 * dashboard) or, under Advanced, a pasted token for scripts and CI. The token itself never reaches
 * this page from pairing: the background receives it and stores it.
 */
export function ConnectServer() {
  const id = useId();
  const [serverUrl, setServerUrl] = useState('');
  const [token, setToken] = useState('');
  const [connectedAs, setConnectedAs] = useState<Settings['connectedAs']>(undefined);
  const [savedServer, setSavedServer] = useState('');
  const [urlProblem, setUrlProblem] = useState(false);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const [pairing, setPairing] = usePairing(setMessage);
  const codeRef = useRef<HTMLElement>(null);

  const loadSettings = useCallback(async () => {
    const settings = await readSettings(settingsStore);
    if (!settings.ok) return setMessage(settings.reason);
    setServerUrl((typed) => typed || settings.value.serverUrl);
    setSavedServer(settings.value.serverUrl);
    // A token from pairing stays between the background and storage: it is never put in the page.
    setToken(settings.value.connectedAs ? '' : settings.value.token);
    setConnectedAs(settings.value.connectedAs);
  }, []);

  useEffect(() => {
    loadSettings().catch((error: unknown) => setMessage(`Could not read the settings: ${errorMessage(error)}`));
  }, [loadSettings]);

  // The outcome of a pairing, said once in the status line.
  const outcome = pairing?.state;
  useEffect(() => {
    if (pairing?.state === 'approved') {
      setMessage(connectedText(pairing.user));
      void loadSettings();
    } else if (pairing?.state === 'failed') {
      setMessage(pairing.reason);
    } else if (pairing?.state === 'pending') {
      codeRef.current?.focus();
    }
    // Keyed on the state's name: a pending status repeats every poll.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [outcome]);

  /** Connect and Try again: the permission prompt must come straight from the click. */
  function connect(event?: FormEvent<HTMLFormElement>) {
    event?.preventDefault();
    const url = normalizeServerUrl(serverUrl);
    setUrlProblem(!url.ok);
    if (!url.ok) return setMessage(url.reason);
    const access = requestServerAccess(browser.permissions, url.value);
    setBusy(true);
    setMessage(`Connecting to ${url.value}…`);
    void (async () => {
      const granted = await access;
      const started = granted.ok
        ? await sendToBackground('startPairing', { serverUrl: url.value })
        : granted;
      setBusy(false);
      if (!started.ok) return setMessage(started.reason);
      setServerUrl(url.value);
      setPairing(started.value);
      setMessage('');
    })().catch((error: unknown) => {
      setBusy(false);
      setMessage(errorMessage(error));
    });
  }

  async function cancel() {
    const answer = await sendToBackground('cancelPairing', {});
    if (answer.ok) setPairing(answer.value);
    setMessage(answer.ok ? 'Cancelled' : answer.reason);
  }

  async function openDashboard(server: string) {
    // The code is not in the URL: the person types it, looking at both tabs.
    await browser.tabs.create({ url: `${server}/#/pair` });
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (connectedAs && token.trim() === '') return setMessage(PAIRED_NO_PASTE);
    setBusy(true);
    const saved = await saveSettings(settingsStore, { serverUrl, token });
    setUrlProblem(!saved.ok);
    if (!saved.ok) {
      setBusy(false);
      return setMessage(saved.reason);
    }
    setServerUrl(saved.value.serverUrl);
    setSavedServer(saved.value.serverUrl);
    setConnectedAs(undefined);
    setMessage('Saved');
    setBusy(false);
    // New settings may unblock captures that were waiting (a token that had been rejected…).
    await sendToBackground('syncNow', { retryAll: true });
  }

  async function test() {
    if (connectedAs && token.trim() === '') return setMessage(PAIRED_NO_PASTE);
    const url = normalizeServerUrl(serverUrl);
    setUrlProblem(!url.ok);
    if (!url.ok) return setMessage(url.reason);
    setBusy(true);
    setMessage(`Testing ${url.value}…`);
    const result = await sendToBackground('testConnection', { serverUrl, token }).catch((error: unknown) => fail(errorMessage(error)));
    setBusy(false);
    setMessage(result.ok ? `Connected as ${result.value.userName}` : result.reason);
  }

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Connect to your Snag server</h2>
      {connectedAs && savedServer && (
        <p className="connected">
          {`Snag sends captures to ${savedServer} as ${connectedAs.name} (${connectedAs.role}).`}
        </p>
      )}
      <form onSubmit={connect} noValidate>
        <label htmlFor={`${id}-server`}>Server URL</label>
        <input
          id={`${id}-server`}
          type="url"
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
          placeholder="https://snag.example.com"
          aria-describedby={`${id}-server-hint`}
          aria-invalid={urlProblem}
          value={serverUrl}
          onChange={(event) => setServerUrl(event.target.value)}
        />
        <p id={`${id}-server-hint`} className="hint">
          The address of your team’s Snag server. Connect shows a code to confirm in the dashboard, signed in as you; Snag
          then sends captures in your name. Your browser asks to let Snag talk to that server (and only to it). Plain http:// works only for a server on this computer (localhost, 127.0.0.1, [::1]); anywhere else use https://.
        </p>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {connectedAs ? 'Connect again' : 'Connect'}
          </button>
        </div>
      </form>
      {pairing && <PairingPanel pairing={pairing} codeRef={codeRef} busy={busy} onOpen={openDashboard} onCancel={cancel} onRetry={() => connect()} />}
      <StatusMessage>{message}</StatusMessage>
      <details open={advancedOpen} onToggle={(event) => setAdvancedOpen(event.currentTarget.open)}>
        <summary>Advanced: paste a token</summary>
        <form onSubmit={save} noValidate>
          <label htmlFor={`${id}-token`}>Access token</label>
          <input
            id={`${id}-token`}
            type="password"
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${id}-token-hint`}
            value={token}
            onChange={(event) => setToken(event.target.value)}
          />
          <p id={`${id}-token-hint`} className="hint">
            For scripts, CI and test set-ups: a token made on the dashboard’s account page, used with the Server URL above.
            It is kept in this browser only.
          </p>
          <div className="actions">
            <button type="submit" disabled={busy}>
              Save
            </button>
            <button type="button" disabled={busy} onClick={test}>
              Test connection
            </button>
          </div>
        </form>
      </details>
    </section>
  );
}

function PairingPanel({
  pairing,
  codeRef,
  busy,
  onOpen,
  onCancel,
  onRetry,
}: {
  pairing: PairingStatus;
  codeRef: RefObject<HTMLElement | null>;
  busy: boolean;
  onOpen: (server: string) => Promise<void>;
  onCancel: () => Promise<void>;
  onRetry: () => void;
}) {
  switch (pairing.state) {
    case 'idle':
    case 'approved':
      return null;
    case 'pending':
      return (
        <div className="pairing">
          <p>Your code:</p>
          <strong className="pairing-code" ref={codeRef} tabIndex={-1} aria-describedby="pairing-how">
            {pairing.userCode}
          </strong>
          <p id="pairing-how" className="hint">
            {`In the dashboard at ${pairing.serverUrl}, signed in as you, open “Connect the extension” and type this code. Snag waits here until you confirm it (the code lasts 10 minutes).`}
          </p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void onOpen(pairing.serverUrl)}>
              Open the dashboard to confirm
            </button>
            <button type="button" onClick={() => void onCancel()}>
              Cancel
            </button>
          </div>
        </div>
      );
    case 'failed':
      return (
        <div className="actions">
          <button type="button" className="primary" disabled={busy} onClick={onRetry}>
            Try again
          </button>
        </div>
      );
  }
}

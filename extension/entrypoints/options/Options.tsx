import { useEffect, useId, useState, type FormEvent } from 'react';
import { StatusMessage } from '@/components/StatusMessage';
import { sendToBackground } from '@/lib/messages';
import { normalizeServerUrl, readSettings, saveSettings, settingsStore } from '@/lib/settings';
import { CustomerRules } from './CustomerRules';
import { DiagnosticsSites } from './DiagnosticsSites';
import { PrivacySettings } from './PrivacySettings';
import './settings-sections.css';

export function Options() {
  const id = useId();
  const [serverUrl, setServerUrl] = useState('');
  const [token, setToken] = useState('');
  const [urlProblem, setUrlProblem] = useState(false);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    readSettings(settingsStore)
      .then((settings) => {
        if (!settings.ok) return setMessage(settings.reason);
        setServerUrl(settings.value.serverUrl);
        setToken(settings.value.token);
      })
      .catch((error: unknown) => setMessage(`Could not read the settings: ${String(error)}`));
  }, []);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    const saved = await saveSettings(settingsStore, { serverUrl, token });
    setUrlProblem(!saved.ok);
    if (!saved.ok) {
      setBusy(false);
      return setMessage(saved.reason);
    }
    setServerUrl(saved.value.serverUrl);
    setMessage('Saved');
    setBusy(false);
    // New settings may unblock captures that were waiting (a token that had been rejected…).
    await sendToBackground('syncNow', { retryAll: true });
  }

  async function test() {
    const url = normalizeServerUrl(serverUrl);
    setUrlProblem(!url.ok);
    if (!url.ok) return setMessage(url.reason);
    setBusy(true);
    setMessage(`Testing ${url.value}…`);
    const result = await sendToBackground('testConnection', { serverUrl, token });
    setBusy(false);
    setMessage(result.ok ? `Connected as ${result.value.userName}` : result.reason);
  }

  return (
    <main>
      <h1>Snag settings</h1>
      <form onSubmit={save} noValidate>
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
          The address of your team’s Snag server.
        </p>
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
          The token you were given for the Snag server. It is kept in this browser only.
        </p>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            Save
          </button>
          <button type="button" disabled={busy} onClick={test}>
            Test connection
          </button>
        </div>
      </form>
      <StatusMessage>{message}</StatusMessage>
      <PrivacySettings />
      <CustomerRules />
      <DiagnosticsSites />
    </main>
  );
}

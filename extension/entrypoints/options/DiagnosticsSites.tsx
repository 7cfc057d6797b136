import { useEffect, useId, useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { BUFFER_MAX, DIAGNOSTICS_WINDOW_MS } from '@/lib/page/diagnostics-collector';
import {
  diagnosticsSitesStore,
  disableDiagnostics,
  enableDiagnostics,
  readDiagnosticsSites,
  startNewDiagnosticsSites,
  syncDiagnosticsScripts,
} from '@/lib/settings/diagnostics-sites';
import { errorMessage, fail } from '@/lib/result';
import { SettingsForm } from './SettingsForm';

/**
 * Console errors and failed requests for QA, per site: turning a site on asks the browser for
 * access to it (and only it), and says what running there costs the page.
 */
export function DiagnosticsSites() {
  const id = useId();
  const [sites, setSites] = useState<string[]>([]);
  const [site, setSite] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [unreadable, setUnreadable] = useState(false);

  useEffect(() => {
    readDiagnosticsSites(diagnosticsSitesStore)
      .then(async (stored) => {
        // Shown, and left alone: turning a site on or off would refuse too, so no site is lost.
        setUnreadable(!stored.ok);
        if (!stored.ok) return setMessage(stored.reason);
        setSites(stored.value);
        // Access may have been taken back in the browser's own settings since: register for what is left.
        await syncDiagnosticsScripts(browser, stored.value);
      })
      .catch((error: unknown) => setMessage(`Could not read the diagnostics sites: ${errorMessage(error)}`));
  }, []);

  async function turnOn(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    // The permission prompt must come straight from the click: nothing is awaited before it.
    const result = await enableDiagnostics(browser, diagnosticsSitesStore, site).catch((error: unknown) => fail(errorMessage(error)));
    setBusy(false);
    if (!result.ok) return setMessage(result.reason);
    setSites(result.value);
    setSite('');
    setMessage('Diagnostics on. Reload the site’s open tabs to start collecting there.');
  }

  async function startNewList() {
    setBusy(true);
    const result = await startNewDiagnosticsSites(browser, diagnosticsSitesStore).catch((error: unknown) => fail(errorMessage(error)));
    setBusy(false);
    if (result.ok) {
      setSites(result.value);
      setUnreadable(false);
    }
    setMessage(result.ok ? 'A new, empty list of sites.' : result.reason);
  }

  async function turnOff(which: string) {
    setBusy(true);
    const result = await disableDiagnostics(browser, diagnosticsSitesStore, which).catch((error: unknown) => fail(errorMessage(error)));
    setBusy(false);
    if (result.ok) setSites(result.value);
    setMessage(result.ok ? `Diagnostics off for ${which}` : result.reason);
  }

  return (
    <section className="settings-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Console and network errors (QA)</h2>
      <p className="hint">
        On the sites you list here, captures include the page’s console errors and failed requests from the last{' '}
        {DIAGNOSTICS_WINDOW_MS / 60_000} minutes. What it costs those pages: a small script in each page wraps{' '}
        <code>console.error</code>, <code>fetch</code> and <code>XMLHttpRequest</code> and keeps at most {BUFFER_MAX} errors and{' '}
        {BUFFER_MAX} failed requests in memory; nothing is sent anywhere until you save a capture. Snag asks your browser
        for access to each site when you turn it on, and gives it back when you turn it off. Other sites are not touched.
      </p>
      {sites.length > 0 && (
        <ul className="sites">
          {sites.map((known) => (
            <li key={known}>
              <span>{known}</span>
              <button type="button" disabled={busy} onClick={() => turnOff(known)}>
                Turn off for {known}
              </button>
            </li>
          ))}
        </ul>
      )}
      {unreadable && (
        <button type="button" disabled={busy} onClick={startNewList}>
          Start a new list
        </button>
      )}
      <SettingsForm onSubmit={turnOn} busy={busy} submitLabel="Turn on for this site" message={message}>
        <label htmlFor={`${id}-site`}>Site</label>
        <input
          id={`${id}-site`}
          type="url"
          inputMode="url"
          spellCheck={false}
          placeholder="https://staging.example.com"
          value={site}
          onChange={(event) => setSite(event.target.value)}
        />
      </SettingsForm>
    </section>
  );
}

import { useRef, useState, type FormEvent } from 'react';
import { userCode } from '#shared/account';
import { ApiError, describeError } from '../ui/http';
import type { Session } from '../ui/session-types';
import { Field } from '../ui/Field';
import { usePageFocus } from '../ui/use-page-focus';
import '../ui/account.css';
import { confirmPairing, denyPairing } from './api';

type Outcome = { kind: 'connected'; deviceName: string } | { kind: 'denied' } | { kind: 'error'; message: string };

/** Why a code was not accepted, for people. */
export function pairingProblem(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 404) {
      return 'No extension is waiting with that code. Check it, or press Connect in the extension’s options again for a new code (codes last 10 minutes).';
    }
    if (error.status === 429) return 'Too many attempts. Wait a minute, then try the code again.';
  }
  return describeError(error);
}

/**
 * `#/pair`: the signed-in person types the code the extension shows, and confirms (the extension
 * then gets a capture-only token in their name) or denies it.
 */
export function PairPage({ session }: { session: Session }) {
  const heading = usePageFocus<HTMLHeadingElement>();
  const input = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  if (!session.can('account:manage')) {
    return (
      <section className="acct-page" aria-labelledby="pair-title">
        <h1 id="pair-title" ref={heading} tabIndex={-1}>
          Connect the extension
        </h1>
        <p className="acct-error" role="alert">
          Your role cannot connect extensions. Ask an admin of your team.
        </p>
      </section>
    );
  }

  function parsedCode(): string | null {
    const parsed = userCode.safeParse(code);
    if (parsed.success) return parsed.data;
    setCodeError('Type the 8-letter code the extension shows, like BCDF-GHJK.');
    input.current?.focus();
    return null;
  }

  async function decide(decision: 'confirm' | 'deny') {
    if (busy) return;
    const normalized = parsedCode();
    if (normalized === null) return;
    setCodeError(null);
    setBusy(true);
    setOutcome(null);
    try {
      if (decision === 'confirm') {
        const { deviceName } = await confirmPairing(session.http, normalized);
        setOutcome({ kind: 'connected', deviceName });
      } else {
        await denyPairing(session.http, normalized);
        setOutcome({ kind: 'denied' });
      }
      setCode('');
    } catch (error) {
      setOutcome({ kind: 'error', message: pairingProblem(error) });
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void decide('confirm');
  }

  return (
    <section className="acct-page" aria-labelledby="pair-title">
      <h1 id="pair-title" ref={heading} tabIndex={-1}>
        Connect the extension
      </h1>
      <div className="acct-section">
        <p>
          In the Snag extension’s options, enter this server’s address and press <strong>Connect</strong>. The extension
          shows a code: type it here to connect it as <strong>{session.user.name}</strong>.
        </p>
        <p className="acct-hint">
          The extension gets a token that can only send captures in your name (it cannot read the feed). You can revoke it
          any time on <a href="#/account">your account page</a>. Only confirm a code you see in your own browser.
        </p>
        <form className="acct-form" onSubmit={submit} noValidate>
          <Field label="Code shown by the extension" hint="8 letters, like BCDF-GHJK; the dash is optional." error={codeError}>
            {(control) => (
              <input
                {...control}
                ref={input}
                className="acct-code-input"
                name="user-code"
                autoComplete="one-time-code"
                autoCapitalize="characters"
                spellCheck={false}
                maxLength={12}
                value={code}
                onChange={(event) => setCode(event.currentTarget.value.toUpperCase())}
              />
            )}
          </Field>
          <div className="acct-actions">
            <button type="submit" aria-disabled={busy}>
              Connect
            </button>
            <button type="button" className="acct-secondary" aria-disabled={busy} onClick={() => void decide('deny')}>
              Deny
            </button>
          </div>
        </form>
        {outcome?.kind === 'connected' && (
          <p className="acct-success" role="status">
            {`Snag on ${outcome.deviceName} is connected as ${session.user.name}.`}
          </p>
        )}
        {outcome?.kind === 'denied' && (
          <p className="acct-notice" role="status">
            Denied: that extension was not connected.
          </p>
        )}
        {outcome?.kind === 'error' && (
          <p className="acct-error" role="alert">
            {outcome.message}
          </p>
        )}
      </div>
    </section>
  );
}

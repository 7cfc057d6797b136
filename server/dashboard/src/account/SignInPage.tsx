import { useRef, useState, type FormEvent } from 'react';
import type { SessionInfo } from '#shared/account';
import { ApiError, describeError, type Http } from '../ui/http';
import { Field } from '../ui/Field';
import { formatWait } from './retry-after';
import '../ui/account.css';
import { signIn } from './api';

export interface SignInPageProps {
  http: Http;
  /** Seconds the server asked to wait after the last throttled attempt. */
  retryAfterSeconds: () => number | null;
  /** Why the person is here again, e.g. their session ended. */
  notice?: string | undefined;
  onSignedIn: (session: SessionInfo) => void;
}

export function signInErrorMessage(error: unknown, retryAfterSeconds: number | null): string {
  if (error instanceof ApiError) {
    if (error.code === 'invalid_credentials' || (error.status === 401 && error.failure === 'unauthorized')) {
      return 'That email and password do not match an account. Check both and try again.';
    }
    if (error.status === 429) {
      return retryAfterSeconds === null
        ? 'Too many sign-in attempts. Wait a while and try again.'
        : `Too many sign-in attempts. Try again in ${formatWait(retryAfterSeconds)}.`;
    }
  }
  return describeError(error);
}

export function SignInPage({ http, retryAfterSeconds, notice, onSignedIn }: SignInPageProps) {
  const emailInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ email?: string; password?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const problems = {
      ...(email.trim() === '' ? { email: 'Enter your email address.' } : {}),
      ...(password === '' ? { password: 'Enter your password.' } : {}),
    };
    setMissing(problems);
    if (problems.email || problems.password) {
      (problems.email ? emailInput : passwordInput).current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const info = await signIn(http, email.trim(), password);
      onSignedIn(info);
    } catch (failure) {
      setBusy(false);
      setError(signInErrorMessage(failure, retryAfterSeconds()));
      setPassword('');
      passwordInput.current?.focus();
    }
  }

  return (
    <section className="acct-card" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in to Snag</h1>
      <p className="acct-hint">Review the screenshots, clips and friction reports your team sends from the browser extension.</p>
      {notice && !error && (
        <p className="acct-notice" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p className="acct-error" role="alert">
          {error}
        </p>
      )}
      <form className="acct-form" onSubmit={submit} noValidate>
        <Field label="Email" error={missing.email}>
          {(control) => (
            <input
              {...control}
              ref={emailInput}
              type="email"
              name="email"
              autoComplete="username"
              autoCapitalize="off"
              spellCheck={false}
              autoFocus
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
            />
          )}
        </Field>
        <Field label="Password" error={missing.password}>
          {(control) => (
            <input
              {...control}
              ref={passwordInput}
              type="password"
              name="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
            />
          )}
        </Field>
        <div className="acct-actions">
          <button type="submit" aria-disabled={busy}>
            Sign in
          </button>
          {busy && (
            <span className="acct-hint" role="status">
              Signing in…
            </span>
          )}
        </div>
      </form>
      <p className="acct-hint">No account yet? Ask an admin of your team for an invite link.</p>
    </section>
  );
}

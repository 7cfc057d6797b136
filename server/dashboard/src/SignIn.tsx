import { useId, useRef, useState, type FormEvent } from 'react';
import type { Me } from '#shared/api';
import { createApiClient, describeError } from './api';

interface SignInProps {
  onSignedIn: (token: string, user: Me['user']) => void;
  /** Why the user is here again, e.g. their token stopped working. */
  notice?: string;
}

export function SignIn({ onSignedIn, notice }: SignInProps) {
  const tokenId = useId();
  const errorId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [token, setToken] = useState('');
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (checking) return;
    const candidate = token.trim();
    if (!candidate) {
      setError('Enter your access token');
      input.current?.focus();
      return;
    }
    setChecking(true);
    setError(null);
    try {
      const { user } = await createApiClient({ token: candidate }).me();
      onSignedIn(candidate, user);
    } catch (failure) {
      setChecking(false);
      setError(describeError(failure));
      input.current?.select();
    }
  }

  return (
    <section className="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in to Snag</h1>
      <p className="muted">Review the screenshots, clips and friction reports sent from the browser extension.</p>
      {notice && !error && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <form onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor={tokenId}>Access token</label>
          <input
            ref={input}
            id={tokenId}
            name="token"
            type="password"
            value={token}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            autoFocus
            aria-invalid={error !== null}
            aria-describedby={error ? errorId : undefined}
            onChange={(event) => setToken(event.currentTarget.value)}
          />
          {error && (
            <p className="field-error" id={errorId} role="alert">
              {error}
            </p>
          )}
        </div>
        <button type="submit" aria-busy={checking} aria-disabled={checking} className={checking ? 'is-busy' : undefined}>
          Sign in
        </button>
        {checking && (
          <p className="muted" role="status">
            Checking the token…
          </p>
        )}
      </form>
    </section>
  );
}

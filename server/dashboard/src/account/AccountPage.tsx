import { useState } from 'react';
import type { ApiToken } from '#shared/account';
import { describeError } from '../ui/http';
import type { Session } from '../ui/session-types';
import { ConfirmButton } from '../ui/ConfirmButton';
import { CreateTokenForm } from './CreateTokenForm';
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '../ui/role-labels';
import { TokenTable } from '../ui/TokenTable';
import { useLoad } from '../ui/use-load';
import { usePageFocus } from '../ui/use-page-focus';
import '../ui/account.css';
import { listTokens, revokeToken } from '../ui/token-api';
import { signOutEverywhere } from './api';
import { ActionResult, type ActionOutcome } from '../ui/ActionResult';
import { LoadFailed } from '../ui/LoadFailed';

/** `#/account`: who I am, my tokens (revoke, create a script token), sign out everywhere. */
export function AccountPage({ session }: { session: Session }) {
  const heading = usePageFocus<HTMLHeadingElement>();
  const { user } = session;
  const manage = session.can('account:manage');

  return (
    <div className="acct-page">
      <h1 id="account-title" ref={heading} tabIndex={-1}>
        Your account
      </h1>
      <section className="acct-section" aria-labelledby="account-me">
        <h2 id="account-me">You</h2>
        <dl className="acct-facts">
          <dt>Name</dt>
          <dd>{user.name}</dd>
          <dt>Email</dt>
          <dd>{user.email ?? 'None (made for scripts)'}</dd>
          <dt>Role</dt>
          <dd>{`${ROLE_LABELS[user.role]}: ${ROLE_DESCRIPTIONS[user.role]}`}</dd>
        </dl>
      </section>
      {manage && <MyTokens session={session} />}
      {manage && <SignOutEverywhere session={session} />}
    </div>
  );
}

function MyTokens({ session }: { session: Session }) {
  const { http } = session;
  const [tokens, { reload, update }] = useLoad((signal) => listTokens(http, 'mine', signal), [http]);
  const [result, setResult] = useState<ActionOutcome | null>(null);

  async function revoke(token: ApiToken) {
    try {
      await revokeToken(http, token.id);
      setResult({ ok: true, text: `Revoked ${token.name}.` });
      reload();
    } catch (error) {
      setResult({ ok: false, text: `Could not revoke ${token.name}: ${describeError(error)}` });
    }
  }

  return (
    <section className="acct-section" aria-labelledby="account-tokens">
      <h2 id="account-tokens">Your tokens</h2>
      <p className="acct-hint">
        Each connected extension has a token, named after its browser. Revoke one you no longer use: it stops working at
        once. To connect an extension, open <a href="#/pair">Connect the extension</a>.
      </p>
      {tokens.status === 'loading' && <p className="acct-hint">Loading your tokens…</p>}
      {tokens.status === 'error' && <LoadFailed message={tokens.message} onRetry={reload} />}
      {tokens.status === 'ready' && <TokenTable caption="Your tokens" tokens={tokens.data.tokens} onRevoke={revoke} />}
      <ActionResult result={result} />
      <h3>Create a script token</h3>
      <p className="acct-hint">For scripts and CI that call Snag’s API in your name.</p>
      <CreateTokenForm
        http={http}
        onCreated={(token) => update((data) => ({ tokens: [token, ...data.tokens.filter((known) => known.id !== token.id)] }))}
      />
    </section>
  );
}

function SignOutEverywhere({ session }: { session: Session }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="acct-section" aria-labelledby="account-everywhere">
      <h2 id="account-everywhere">Sign out everywhere</h2>
      <p className="acct-hint">
        Ends every dashboard session of yours, on every computer, this one included. Extension and script tokens keep
        working: revoke those above.
      </p>
      <div className="acct-actions">
        <ConfirmButton
          label="Sign out everywhere"
          question="Sign out of every browser, this one included?"
          confirmLabel="Sign out everywhere"
          onConfirm={async () => {
            try {
              await signOutEverywhere(session.http);
            } catch (failure) {
              setError(describeError(failure));
              return;
            }
            await session.signOut();
          }}
        />
      </div>
      {error && (
        <p className="acct-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

import { useState } from 'react';
import type { ApiToken } from '#shared/account';
import { TokenTable } from '../ui/TokenTable';
import { useLoad } from '../ui/use-load';
import { describeError } from '../ui/http';
import type { Session } from '../ui/session-types';
import { listTokens, revokeToken } from '../ui/token-api';
import { ActionResult, type ActionOutcome } from '../ui/ActionResult';
import { LoadFailed } from '../ui/LoadFailed';

/** Everyone's API tokens (extensions, scripts) with their last use; any can be revoked. */
export function TokensTab({ session }: { session: Session }) {
  const { http } = session;
  const [tokens, { reload }] = useLoad((signal) => listTokens(http, 'all', signal), [http]);
  const [result, setResult] = useState<ActionOutcome | null>(null);
  const [showRevoked, setShowRevoked] = useState(false);

  async function revoke(token: ApiToken) {
    try {
      await revokeToken(http, token.id);
      setResult({ ok: true, text: `Revoked ${token.name}${token.user ? ` (${token.user.name})` : ''}.` });
      reload();
    } catch (error) {
      setResult({ ok: false, text: `Could not revoke ${token.name}: ${describeError(error)}` });
    }
  }

  const shown = tokens.status === 'ready' ? tokens.data.tokens.filter((token) => showRevoked || token.revokedAt === null) : [];
  return (
    <section className="acct-section" aria-labelledby="tokens-title">
      <h2 id="tokens-title">Tokens</h2>
      <p className="acct-hint">
        Every extension connected by pairing and every script token, whoever owns it. Revoking one stops it at once; a
        revoked extension asks its owner to connect again.
      </p>
      <label>
        <input type="checkbox" checked={showRevoked} onChange={(event) => setShowRevoked(event.currentTarget.checked)} /> Show
        revoked tokens
      </label>
      <ActionResult result={result} />
      {tokens.status === 'loading' && <p className="acct-hint">Loading tokens…</p>}
      {tokens.status === 'error' && <LoadFailed message={tokens.message} onRetry={reload} />}
      {tokens.status === 'ready' && <TokenTable caption="Everyone’s tokens" tokens={shown} showOwner onRevoke={revoke} />}
    </section>
  );
}

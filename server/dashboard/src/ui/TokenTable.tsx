import type { ApiToken } from '#shared/account';
import { ActionsTable } from './ActionsTable';
import { ConfirmButton } from './ConfirmButton';
import { SCOPE_LABELS } from './role-labels';
import { When } from './When';

/** API tokens with their use and a Revoke button each (own tokens, or everyone's for admins). */
export function TokenTable({
  tokens,
  caption,
  showOwner = false,
  onRevoke,
}: {
  tokens: readonly ApiToken[];
  caption: string;
  showOwner?: boolean;
  onRevoke: (token: ApiToken) => Promise<void>;
}) {
  if (tokens.length === 0) return <p className="acct-hint">No tokens.</p>;
  return (
    <ActionsTable caption={caption} columns={['Name', ...(showOwner ? ['Owner'] : []), 'Access', 'Created', 'Last used']}>
      {tokens.map((token) => (
        <tr key={token.id} data-token-id={token.id}>
          <th scope="row">{token.name}</th>
          {showOwner && <td>{token.user?.name ?? ''}</td>}
          <td>{SCOPE_LABELS[token.scope]}</td>
          <td>
            <When iso={token.createdAt} />
          </td>
          <td>
            <When iso={token.lastUsedAt} />
          </td>
          <td>
            {token.revokedAt === null ? (
              <ConfirmButton
                label="Revoke"
                labelDetail={token.name}
                question={`Revoke ${token.name}? Whatever uses it stops working at once.`}
                confirmLabel="Revoke"
                onConfirm={() => onRevoke(token)}
              />
            ) : (
              <span>
                Revoked <When iso={token.revokedAt} />
              </span>
            )}
          </td>
        </tr>
      ))}
    </ActionsTable>
  );
}

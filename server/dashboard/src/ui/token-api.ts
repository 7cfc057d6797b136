import { tokenList, type TokenList } from '#shared/account';
import type { Http } from './http';

/** API tokens: the person's own on the account page, everyone's on the admin page. */
export function listTokens(http: Http, scope: 'mine' | 'all', signal?: AbortSignal): Promise<TokenList> {
  return http.get(scope === 'all' ? '/tokens?all=1' : '/tokens', tokenList, { signal });
}

export function revokeToken(http: Http, id: string): Promise<void> {
  return http.sendNoContent('DELETE', `/tokens/${encodeURIComponent(id)}`);
}

import { createApiClient, type FetchLike } from './client';
import { fail, ok, type Result } from '../result';
import { normalizeServerUrl } from '../settings/connection';

export interface ConnectionDeps {
  fetch: FetchLike;
  now?: () => number;
}

export interface Connected {
  userName: string;
  serverVersion: string;
}

/**
 * Check a server URL and token as typed on the options page (saved or not): is it reachable, is it
 * a Snag server, and does it accept the token? Each failure says what to fix.
 */
export async function testConnection(
  deps: ConnectionDeps,
  target: { serverUrl: string; token: string },
): Promise<Result<Connected>> {
  const serverUrl = normalizeServerUrl(target.serverUrl);
  if (!serverUrl.ok) return serverUrl;
  const token = target.token.trim();
  const api = createApiClient({ ...deps, serverUrl: serverUrl.value, token });

  const health = await api.health();
  if (!health.ok) return fail(health.problem.reason);
  if (token === '') {
    return fail(`That is a Snag server (version ${health.value.version}), but the Access token is empty: paste one`);
  }

  const me = await api.me();
  if (!me.ok) return fail(me.problem.reason);
  return ok({ userName: me.value.user.name, serverVersion: health.value.version });
}

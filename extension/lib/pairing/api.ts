import { pairingCreated, pairingPollResult, type PairingCreated, type UserSummary } from '#shared/account';
import { API_PREFIX, apiError } from '#shared/api';
import { NOT_SNAG, parseRetryAfter, type FetchLike } from '../api/client';
import { fail, ok, type Result } from '../result';
import { requestTimeoutMs } from '../api/retry-policy';

/**
 * The two public pairing calls the extension makes (POST /pairings, POST /pairings/:id/poll).
 * No token goes out; the poll secret proves this browser is the one that asked.
 */

export interface PairingApiDeps {
  fetch: FetchLike;
  now: () => number;
  timeout?: (ms: number) => AbortSignal;
}

export type PollAnswer =
  | { outcome: 'pending' }
  | { outcome: 'approved'; token: string; user: UserSummary }
  /** The pairing is over without a token: expired, denied in the dashboard, already used, or unknown. */
  | { outcome: 'ended'; why: 'expired' | 'denied' | 'consumed' | 'unknown' }
  /** Could not tell this time (offline, server trouble): ask again later. */
  | { outcome: 'retry'; reason: string; retryAfterMs?: number };

const jsonPost = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

async function post(deps: PairingApiDeps, serverUrl: string, path: string, body: unknown): Promise<Result<Response>> {
  const { timeout = (ms: number) => AbortSignal.timeout(ms) } = deps;
  try {
    const url = new URL(`${API_PREFIX}${path}`.replace(/^\//, ''), `${serverUrl}/`).href;
    return ok(await deps.fetch(url, { ...jsonPost(body), signal: timeout(requestTimeoutMs(0)) }));
  } catch {
    return fail(`Can't reach ${serverUrl}: is the server running and the URL right?`);
  }
}

/** POST /pairings: a code to show, and what the background keeps to poll with. */
export async function createPairing(deps: PairingApiDeps, serverUrl: string, deviceName: string): Promise<Result<PairingCreated>> {
  const answer = await post(deps, serverUrl, '/pairings', { deviceName });
  if (!answer.ok) return answer;
  const response = answer.value;
  const body: unknown = await response.json().catch(() => undefined);
  if (response.status === 201 || response.status === 200) {
    const parsed = pairingCreated.safeParse(body);
    return parsed.success ? ok(parsed.data) : fail(NOT_SNAG);
  }
  if (response.status === 429) {
    const wait = parseRetryAfter(response.headers.get('retry-after'), deps.now());
    const when = wait === undefined ? 'in a minute' : `in ${Math.max(1, Math.ceil(wait / 1000))} seconds`;
    return fail(`The server is refusing new connections for now (too many tries): try again ${when}`);
  }
  const error = apiError.safeParse(body);
  if (response.status === 404 && !error.success) return fail(NOT_SNAG);
  if (response.status === 404) {
    return fail('This Snag server cannot pair extensions (it may be an older version): paste a token under “Advanced” instead');
  }
  return fail(`The server could not start the connection (HTTP ${response.status}${error.success ? `: ${error.data.error.message}` : ''})`);
}

/** POST /pairings/:id/poll */
export async function pollPairing(
  deps: PairingApiDeps,
  serverUrl: string,
  pairing: { pairingId: string; pollSecret: string },
): Promise<PollAnswer> {
  const answer = await post(deps, serverUrl, `/pairings/${encodeURIComponent(pairing.pairingId)}/poll`, {
    pollSecret: pairing.pollSecret,
  });
  if (!answer.ok) return { outcome: 'retry', reason: answer.reason };
  const response = answer.value;
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) {
    const parsed = pairingPollResult.safeParse(body);
    if (!parsed.success) return { outcome: 'retry', reason: NOT_SNAG };
    return parsed.data.status === 'pending'
      ? { outcome: 'pending' }
      : { outcome: 'approved', token: parsed.data.token, user: parsed.data.user };
  }
  const code = apiError.safeParse(body).data?.error.code;
  if (response.status === 410 || response.status === 404) {
    if (code === 'pairing_denied') return { outcome: 'ended', why: 'denied' };
    if (code === 'pairing_consumed') return { outcome: 'ended', why: 'consumed' };
    if (code === 'pairing_expired') return { outcome: 'ended', why: 'expired' };
    return { outcome: 'ended', why: 'unknown' };
  }
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), deps.now());
  return {
    outcome: 'retry',
    reason: `The server answered HTTP ${response.status}; Snag keeps asking`,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
}

import {
  invitePeek,
  pairingConfirmed,
  sessionInfo,
  tokenCreated,
  type InvitePeek,
  type PairingConfirmed,
  type SessionInfo,
  type TokenCreated,
} from '#shared/account';
import type { TokenScope } from '#shared/roles';
import type { Http } from '../ui/http';

/** The account area's calls: the session itself, invites seen by the invited, pairing, one's own tokens. */

export const currentSession = (http: Http, signal?: AbortSignal): Promise<SessionInfo> => http.get('/session', sessionInfo, { signal });

export const signIn = (http: Http, email: string, password: string): Promise<SessionInfo> =>
  http.send('POST', '/session', { email, password }, sessionInfo);

export const endSession = (http: Http): Promise<void> => http.sendNoContent('DELETE', '/session');

export const signOutEverywhere = (http: Http): Promise<void> => http.sendNoContent('POST', '/session/revoke-all');

export const peekInvite = (http: Http, token: string, signal?: AbortSignal): Promise<InvitePeek> =>
  http.send('POST', '/invites/peek', { token }, invitePeek, signal);

export const acceptInvite = (http: Http, answer: { token: string; name: string; email: string; password: string }): Promise<SessionInfo> =>
  http.send('POST', '/invites/accept', answer, sessionInfo);

export const createToken = (http: Http, name: string, scope: TokenScope): Promise<TokenCreated> =>
  http.send('POST', '/tokens', { name, scope }, tokenCreated);

export const confirmPairing = (http: Http, userCode: string): Promise<PairingConfirmed> =>
  http.send('POST', '/pairings/confirm', { userCode }, pairingConfirmed);

export const denyPairing = (http: Http, userCode: string): Promise<void> => http.sendNoContent('POST', '/pairings/deny', { userCode });

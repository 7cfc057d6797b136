import { sessionExpired } from '../auth/session-cookie';
import type { Auth } from '../env';
import type { AccountStore } from '../store/accounts/store';
import type { AccessChange } from './event-bus';

/** What a stream rode in on, to tell whether an access change concerns it. */
export interface StreamCredential {
  auth: Auth;
  /** SHA-256 of the session cookie, for a stream opened from the dashboard. */
  sessionIdHash?: string;
}

export function concerns(change: AccessChange, { auth }: StreamCredential): boolean {
  switch (change.kind) {
    case 'user':
      return change.userId === auth.user.id;
    case 'sessions':
      return change.userId === auth.user.id && auth.via === 'session';
    case 'session':
      return change.sessionId === auth.sessionId;
    case 'token':
      return change.tokenId === auth.tokenId;
  }
}

/**
 * Whether the credential still stands as it did when the stream opened: not revoked, signed out,
 * expired or deactivated, and the same role. Catches changes no one announced on the bus.
 */
export async function stillAllowed(accounts: AccountStore, credential: StreamCredential, now: Date): Promise<boolean> {
  const { auth, sessionIdHash } = credential;
  if (auth.via === 'token') {
    if (auth.tokenId === undefined) return false;
    const token = await accounts.getToken(auth.tokenId);
    if (token === null || token.revokedAt !== null) return false;
    const user = await accounts.getUser(auth.user.id);
    return user !== null && user.active && user.role === auth.user.role;
  }
  if (sessionIdHash === undefined) return false;
  const found = await accounts.findSession(sessionIdHash);
  if (found === null || found.session.id !== auth.sessionId) return false;
  return found.user.active && found.user.role === auth.user.role && !sessionExpired(found.session, now);
}

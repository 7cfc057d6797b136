import type { Context } from 'hono';
import type { AccountUser as WireUser } from '#shared/account';
import type { AccountUser } from '../store/accounts/store';
import type { Store } from '../store/store';
import { generateSecret, hashToken } from './tokens';
import { SESSION_IDLE_MS, SESSION_MAX_MS, setSessionCookie } from './session-cookie';

/**
 * Signs `user` in on this browser: a new session row (only the id's hash), its cookie, and the
 * CSRF token the dashboard must send back on writes. Answers the CSRF token.
 */
export async function startSession(c: Context, store: Store, user: AccountUser, now: Date): Promise<string> {
  const at = now.toISOString();
  // Housekeeping while we are here: ended sessions would otherwise stay until someone signs out.
  await store.accounts.deleteExpiredSessions({
    idleBefore: new Date(now.getTime() - SESSION_IDLE_MS).toISOString(),
    createdBefore: new Date(now.getTime() - SESSION_MAX_MS).toISOString(),
  });
  const sessionId = generateSecret();
  const csrfToken = generateSecret();
  await store.accounts.createSession({ idHash: hashToken(sessionId), userId: user.id, csrfToken, at });
  setSessionCookie(c, sessionId);
  return csrfToken;
}

export function wireUser(user: AccountUser): WireUser {
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}

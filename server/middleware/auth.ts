import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { matchedRoutes } from 'hono/route';
import { CSRF_HEADER } from '#shared/account';
import { effectivePermissions } from '#shared/roles';
import { accountError } from '../auth/account-errors';
import { ruleOf } from '../auth/allow';
import { credentialProblem, NOT_SIGNED_IN, noteCredentialProblem } from '../auth/credential-problem';
import { secretsEqual } from '../auth/secret-compare';
import { readSessionCookie, sessionExpired } from '../auth/session-cookie';
import type { AppEnv } from '../env';
import { errorBody } from '../http/errors';
import type { Store } from '../store/store';
import { hashToken } from '../auth/tokens';

/** last_used_at / last_seen_at say "still in use?", so minute precision spares a write per request. */
const TOUCH_INTERVAL_MS = 60_000;

/** Methods that change things: with a cookie they need the CSRF token. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const stale = (lastAt: string | null, now: Date) => lastAt === null || now.getTime() - Date.parse(lastAt) >= TOUCH_INTERVAL_MS;

/**
 * Finds out who is calling: a bearer token (scripts, the extension) or the dashboard's session
 * cookie. The bearer token wins when both come. Unusable credentials are noted (see
 * credential-problem.ts) and `allow()` on each route decides. Only where no route declared a
 * rule (unknown paths, or a route someone forgot to guard) does it answer 401 itself: closed
 * to strangers unless a route says otherwise.
 */
export function authenticate(store: Store, now: () => Date = () => new Date()) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('Authorization');
    if (header !== undefined && header.trim() !== '') {
      await fromBearer(c, store, header, now());
    } else {
      const cookie = readSessionCookie(c);
      if (cookie !== undefined) await fromSession(c, store, cookie, now());
    }
    if (c.get('auth') === undefined && !matchedRoutes(c).some((route) => ruleOf(route.handler) !== undefined)) {
      const problem = credentialProblem(c);
      if (problem?.kind === 'csrf') return c.json(accountError('csrf', problem.message), 403);
      const message = problem?.message ?? NOT_SIGNED_IN;
      return c.json(errorBody('unauthorized', message), 401);
    }
    await next();
  });
}

async function fromBearer(c: Context<AppEnv>, store: Store, header: string, at: Date): Promise<void> {
  const token = /^Bearer +(\S+) *$/i.exec(header)?.[1];
  if (token === undefined) {
    noteCredentialProblem(c, {
      kind: 'unauthorized',
      message: 'Authorization header must have the form "Bearer <your Snag token>"',
    });
    return;
  }
  const found = await store.accounts.findBearer(hashToken(token));
  if (found === null) {
    noteCredentialProblem(c, {
      kind: 'unauthorized',
      message: 'token not recognised by this server; check you copied it whole, or create a new one',
    });
    return;
  }
  const { token: record, user } = found;
  if (!user.active) {
    noteCredentialProblem(c, {
      kind: 'unauthorized',
      message: `the account this token belongs to (${user.name}) has been deactivated; ask a workspace admin`,
    });
    return;
  }
  if (record.revokedAt !== null) {
    const remedy = record.scope === 'capture' ? 'pair the extension again' : 'create a new one on your account page';
    noteCredentialProblem(c, { kind: 'unauthorized', message: `this token has been revoked; ${remedy}` });
    return;
  }
  if (stale(record.lastUsedAt, at)) await store.accounts.markTokenUsed(record.id, user.id, at.toISOString());
  const caller = { id: user.id, name: user.name, role: user.role };
  c.set('auth', {
    user: caller,
    via: 'token',
    scope: record.scope,
    permissions: effectivePermissions(user.role, record.scope),
    tokenId: record.id,
  });
}

async function fromSession(c: Context<AppEnv>, store: Store, cookie: string, at: Date): Promise<void> {
  const found = await store.accounts.findSession(hashToken(cookie));
  const ended = { kind: 'unauthorized', message: 'your session has ended; sign in again' } as const;
  if (found === null) {
    noteCredentialProblem(c, ended);
    return;
  }
  const { session, user } = found;
  if (!user.active || sessionExpired(session, at)) {
    await store.accounts.deleteSession(session.id);
    noteCredentialProblem(c, ended);
    return;
  }
  // The cookie rides along with any request the browser makes, even one another site caused;
  // the CSRF token is what only our own page can add.
  if (!SAFE_METHODS.has(c.req.method) && !secretsEqual(session.csrfToken, c.req.header(CSRF_HEADER))) {
    noteCredentialProblem(c, {
      kind: 'csrf',
      message: `this request needs the session's ${CSRF_HEADER} header; reload the page and try again`,
    });
    return;
  }
  if (stale(session.lastSeenAt, at)) await store.accounts.touchSession(session.id, user.id, at.toISOString());
  const caller = { id: user.id, name: user.name, role: user.role };
  c.set('auth', {
    user: caller,
    via: 'session',
    scope: 'full',
    permissions: effectivePermissions(user.role),
    sessionId: session.id,
  });
}

import { Hono } from 'hono';
import { type SessionInfo, signInInput } from '#shared/account';
import { accountError } from '../../auth/account-errors';
import { allow } from '../../auth/allow';
import { clientIp } from '../../http/client-info';
import { burnPasswordCheck, verifyPassword } from '../../auth/password';
import { auditActor, callerOf } from '../../auth/caller';
import { clearSessionCookie, readSessionCookie } from '../../auth/session-cookie';
import { startSession, wireUser } from '../../auth/sessions';
import type { AccountThrottles } from '../../auth/throttles';
import type { AppEnv } from '../../env';
import { errorBody } from '../../http/errors';
import { jsonBody } from '../../http/json-body';
import { hashToken } from '../../auth/tokens';
import type { ApiDeps } from '../api-deps';

/** Dashboard sign-in with email and password, and signing out (here or everywhere). */
export function sessionRoutes({ store, now, events }: ApiDeps, throttles: AccountThrottles) {
  return new Hono<AppEnv>()
    .post('/', allow('public'), jsonBody(signInInput), async (c) => {
      const { email, password } = c.req.valid('json');
      const ip = clientIp(c);
      const at = now();
      // Spent before the hash, so a burst of concurrent attempts cannot all get through.
      const budget = await throttles.takeSignIn(email, ip);
      if (!budget.ok) {
        c.header('Retry-After', String(budget.retryAfterSeconds));
        const minutes = Math.ceil(budget.retryAfterSeconds / 60);
        return c.json(
          accountError('rate_limited', `too many failed sign-ins; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`),
          429,
        );
      }

      const login = await store.accounts.findLogin(email);
      let matches = false;
      if (login?.passwordHash == null) await burnPasswordCheck(password);
      else matches = await verifyPassword(password, login.passwordHash);

      if (login === null || !matches) {
        // The typed email is not logged: people sometimes type a password into it.
        await store.audit.record({
          action: 'session.sign_in_failed',
          actor: null,
          target: login?.user.id ?? null,
          ip,
          details: { reason: login === null ? 'unknown_email' : 'wrong_password' },
          at: at.toISOString(),
        });
        c.header('Cache-Control', 'no-store');
        return c.json(accountError('invalid_credentials', 'wrong email or password'), 401);
      }
      const { user } = login;
      if (!user.active) {
        // Only someone who knows the password learns this, so it may be said plainly.
        return c.json(errorBody('unauthorized', 'this account has been deactivated; ask a workspace admin'), 401);
      }

      await throttles.signedIn(email, ip);
      const csrfToken = await startSession(c, store, user, at);
      await store.audit.record({ action: 'session.signed_in', actor: auditActor(user), target: user.id, ip, at: at.toISOString() });
      const body: SessionInfo = { user: wireUser(user), csrfToken };
      c.header('Cache-Control', 'no-store');
      return c.json(body, 200);
    })
    .get('/', allow('signed-in'), async (c) => {
      const cookie = readSessionCookie(c);
      const found = callerOf(c).via === 'session' && cookie !== undefined ? await store.accounts.findSession(hashToken(cookie)) : null;
      if (found === null) {
        return c.json(errorBody('invalid_request', 'this request came with an API token, not a dashboard session'), 400);
      }
      const body: SessionInfo = { user: wireUser(found.user), csrfToken: found.session.csrfToken };
      c.header('Cache-Control', 'no-store');
      return c.json(body, 200);
    })
    .delete('/', allow('signed-in'), async (c) => {
      const { sessionId, user } = callerOf(c);
      if (sessionId !== undefined) {
        await store.accounts.deleteSession(sessionId);
        events.accessChanged({ kind: 'session', sessionId });
        await store.audit.record({ action: 'session.signed_out', actor: auditActor(user), ip: clientIp(c), at: now().toISOString() });
      }
      clearSessionCookie(c);
      return c.body(null, 204);
    })
    .post('/revoke-all', allow('account:manage'), async (c) => {
      const actor = auditActor(callerOf(c).user);
      const ended = await store.accounts.deleteUserSessions(actor.id);
      events.accessChanged({ kind: 'sessions', userId: actor.id });
      await store.audit.record({
        action: 'session.signed_out_everywhere',
        actor,
        target: actor.id,
        ip: clientIp(c),
        details: { sessions: ended },
        at: now().toISOString(),
      });
      clearSessionCookie(c);
      return c.body(null, 204);
    });
}

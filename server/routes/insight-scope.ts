import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { auditedFilter } from '#shared/audit';
import type { AppEnv, Auth } from '../env';
import type { Viewer } from '../store/review/feed-filter';

/** The caller, whom `allow()` has already let in; a route without `allow` first would fail here. */
export function callerOf(c: Context<AppEnv>): Auth {
  const auth = c.get('auth');
  if (auth === undefined) throw new HTTPException(401, { message: 'sign in first' });
  return auth;
}

/** Whose captures the caller may count: everyone's with feed:read-all, else only their own. */
export function viewerOf(auth: Auth): Viewer {
  return { userId: auth.user.id, seesAll: auth.permissions.has('feed:read-all') };
}

/** Which query parameters the request used, never their values: what audit entries record as the filter. */
export function auditedQuery(c: Context<AppEnv>): string {
  return auditedFilter(new URL(c.req.url).search).slice(0, 2000);
}

/** Where this server is, as the caller reached it: the base of dashboard links in reports. */
export function originOf(c: Context<AppEnv>): string {
  return new URL(c.req.url).origin;
}

import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv, Auth } from '../env';
import type { Viewer } from '../store/review/feed-filter';

/** The one way a handler learns who is calling; `allow()` has already let them in, so only a route without it fails here. */
export function callerOf(c: Context<AppEnv>): Auth {
  const auth = c.get('auth');
  if (auth === undefined) throw new HTTPException(401, { message: 'sign in first' });
  return auth;
}

/** Whose captures the caller may see: everyone's with feed:read-all, else only their own. */
export function viewerOf(auth: Auth): Viewer {
  return { userId: auth.user.id, seesAll: auth.permissions.has('feed:read-all') };
}

/** How the audit log names a person: id and name, nothing else of theirs. */
export function auditActor(user: { id: string; name: string }): { id: string; name: string } {
  return { id: user.id, name: user.name };
}

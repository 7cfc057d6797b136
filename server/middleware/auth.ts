import { createMiddleware } from 'hono/factory';
import { effectivePermissions } from '#shared/roles';
import type { AppEnv } from '../env';
import { errorBody } from '../http/errors';
import type { Store } from '../store/store';
import { hashToken } from '../tokens';

/** last_used_at is for "is this token still in use?", so minute precision spares a write per request. */
const TOUCH_INTERVAL_MS = 60_000;

export function requireToken(store: Store) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('Authorization');
    if (header === undefined || header.trim() === '') {
      return c.json(
        errorBody('unauthorized', 'missing Authorization header; send "Authorization: Bearer <your Snag token>"'),
        401,
      );
    }
    const match = /^Bearer +(\S+) *$/i.exec(header);
    const token = match?.[1];
    if (token === undefined) {
      return c.json(
        errorBody('unauthorized', 'Authorization header must have the form "Bearer <your Snag token>"'),
        401,
      );
    }

    const record = await store.findToken(hashToken(token));
    if (record === null) {
      return c.json(
        errorBody('unauthorized', 'token not recognised by this server; check you copied it whole, or ask an admin for one'),
        401,
      );
    }
    if (record.revokedAt !== null) {
      return c.json(errorBody('unauthorized', 'this token has been revoked; ask an admin for a new one'), 401);
    }

    const now = Date.now();
    if (record.lastUsedAt === null || now - Date.parse(record.lastUsedAt) >= TOUCH_INTERVAL_MS) {
      await store.markTokenUsed(record.tokenId, new Date(now).toISOString());
    }
    c.set('user', record.user);
    c.set('auth', {
      user: record.user,
      via: 'token',
      scope: 'full',
      permissions: effectivePermissions(record.user.role),
      tokenId: record.tokenId,
    });
    await next();
  });
}

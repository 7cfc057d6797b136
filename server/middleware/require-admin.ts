import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { errorBody } from '../http/errors';

/** After `requireToken`: only admins go on. Checked before the body is read, so members learn nothing from it. */
export function requireAdmin() {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.get('user').role !== 'admin') {
      return c.json(errorBody('forbidden', 'only an admin can change this; ask one of your workspace admins'), 403);
    }
    await next();
  });
}

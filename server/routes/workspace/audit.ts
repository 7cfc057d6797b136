import { Hono } from 'hono';
import { auditQuery } from '#shared/audit';
import { allow } from '../../auth/allow';
import type { AppEnv } from '../../env';
import { validateQuery } from '../../http/validate';
import type { ApiDeps } from '../api-deps';

/** The audit log, newest first; page with `before` = the previous page's `nextBefore`. */
export function auditRoutes({ store }: ApiDeps) {
  return new Hono<AppEnv>().get('/', allow('audit:read'), validateQuery(auditQuery), async (c) => {
    return c.json(await store.audit.list(c.req.valid('query')), 200);
  });
}

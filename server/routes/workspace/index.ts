import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import type { ApiDeps } from '../api-deps';
import { auditRoutes } from './audit';
import { customerRoutes } from './customers';
import { tagRoutes } from './tags';

/** The /api/v1 routes for the workspace as a whole: the audit log, the tag list, customer suggestions. Every route's first handler is `allow(…)`. */
export function workspaceRoutes(deps: ApiDeps) {
  return new Hono<AppEnv>()
    .route('/audit', auditRoutes(deps))
    .route('/tags', tagRoutes(deps))
    .route('/customers', customerRoutes(deps.store));
}

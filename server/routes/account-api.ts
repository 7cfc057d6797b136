import { Hono } from 'hono';
import type { AppEnv } from '../env';
import type { ApiDeps } from './api-deps';
import { customerRoutes } from './customers';
import { meRoutes } from './me';
import { tagRoutes } from './tags';

/** The /api/v1 routes for A (accounts): session, me, members, invites, tokens, pairing, audit, tags, customers. Every route's first handler is `allow(…)`. */
export function accountApi(deps: ApiDeps) {
  const { store } = deps;
  return new Hono<AppEnv>()
    .route('/me', meRoutes())
    .route('/tags', tagRoutes(store))
    .route('/customers', customerRoutes(store));
}

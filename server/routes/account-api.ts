import { Hono } from 'hono';
import { AccountThrottles } from '../auth/throttles';
import type { AppEnv } from '../env';
import type { ApiDeps } from './api-deps';
import { auditRoutes } from './audit';
import { customerRoutes } from './customers';
import { inviteRoutes } from './invites';
import { meRoutes } from './me';
import { memberRoutes } from './members';
import { pairingRoutes } from './pairings';
import { peopleRoutes } from './people';
import { sessionRoutes } from './session';
import { tagRoutes } from './tags';
import { tokenRoutes } from './tokens';

/** The /api/v1 routes for accounts: session, me, members, invites, tokens, pairing, people, audit, tags, customers. Every route's first handler is `allow(…)`. */
export function accountApi(deps: ApiDeps) {
  const throttles = new AccountThrottles(deps.store.accounts, deps.now);
  return new Hono<AppEnv>()
    .route('/session', sessionRoutes(deps, throttles))
    .route('/me', meRoutes())
    .route('/people', peopleRoutes(deps))
    .route('/members', memberRoutes(deps))
    .route('/invites', inviteRoutes(deps))
    .route('/tokens', tokenRoutes(deps))
    .route('/pairings', pairingRoutes(deps, throttles))
    .route('/audit', auditRoutes(deps))
    .route('/tags', tagRoutes(deps))
    .route('/customers', customerRoutes(deps.store));
}

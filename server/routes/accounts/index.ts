import { Hono } from 'hono';
import { AccountThrottles } from '../../auth/throttles';
import type { AppEnv } from '../../env';
import type { ApiDeps } from '../api-deps';
import { inviteRoutes } from './invites';
import { meRoutes } from './me';
import { memberRoutes } from './members';
import { pairingRoutes } from './pairings';
import { peopleRoutes } from './people';
import { sessionRoutes } from './session';
import { tokenRoutes } from './tokens';

/** The /api/v1 routes for accounts: session, me, people, members, invites, tokens, pairing. Every route's first handler is `allow(…)`. */
export function accountRoutes(deps: ApiDeps) {
  const throttles = new AccountThrottles(deps.store.accounts, deps.now);
  return new Hono<AppEnv>()
    .route('/session', sessionRoutes(deps, throttles))
    .route('/me', meRoutes())
    .route('/people', peopleRoutes(deps))
    .route('/members', memberRoutes(deps))
    .route('/invites', inviteRoutes(deps))
    .route('/tokens', tokenRoutes(deps))
    .route('/pairings', pairingRoutes(deps, throttles));
}

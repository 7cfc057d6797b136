import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import type { ApiDeps } from '../api-deps';
import { captureRoutes } from './captures';
import { commentRoutes } from './comments';
import { eventRoutes } from './events';
import { historyRoutes } from './history';
import { screenshotRoutes } from './screenshots';
import { triageRoutes } from './triage';
import { viewRoutes } from './views';

/** The /api/v1 routes for review: captures, screenshots, triage and merging, comments, history, saved views, live events. Every route's first handler is `allow(…)`. */
export function reviewRoutes(deps: ApiDeps) {
  return new Hono<AppEnv>()
    .route('/captures', captureRoutes(deps))
    .route('/captures', screenshotRoutes(deps))
    .route('/captures', triageRoutes(deps))
    .route('/captures', commentRoutes(deps))
    .route('/captures', historyRoutes(deps))
    .route('/views', viewRoutes(deps))
    .route(
      '/events',
      eventRoutes(deps.events, {
        streamsPerPerson: deps.limits.streamsPerPerson,
        streamsTotal: deps.limits.streamsTotal,
        accounts: deps.store.accounts,
        now: deps.now,
      }),
    );
}

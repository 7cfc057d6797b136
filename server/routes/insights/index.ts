import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import type { ApiDeps } from '../api-deps';
import { exportRoutes } from './export';
import { hotspotRoutes } from './hotspots';
import { onboardingRoutes } from './onboarding';
import { reportRoutes } from './reports';
import { timelineRoutes } from './timeline';
import { topRoutes } from './top';

/** The /api/v1 routes for insights: hot spots, onboarding, charts, exports, digests. Every route's first handler is `allow(…)`. */
export function insightRoutes(deps: ApiDeps) {
  return new Hono<AppEnv>()
    .route('/insights/hotspots', hotspotRoutes(deps))
    .route('/insights/onboarding', onboardingRoutes(deps))
    .route('/insights/timeline', timelineRoutes(deps))
    .route('/insights/top', topRoutes(deps))
    .route('/export', exportRoutes(deps))
    .route('/reports', reportRoutes(deps));
}

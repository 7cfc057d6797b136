import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import type { ApiDeps } from '../api-deps';
import { captureDeletionRoutes } from './captures';
import { dataRequestRoutes } from './data';
import { settingsRoutes } from './settings';

/** The /api/v1 routes for data control: deleting captures and people's data, retention settings. Every route's first handler is `allow(…)`. */
export function dataControlRoutes(deps: ApiDeps) {
  return new Hono<AppEnv>()
    .route('/captures', captureDeletionRoutes(deps))
    .route('/data', dataRequestRoutes(deps))
    .route('/settings', settingsRoutes(deps));
}

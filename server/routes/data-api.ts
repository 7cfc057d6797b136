import { Hono } from 'hono';
import type { AppEnv } from '../env';
import type { ApiDeps } from './api-deps';
import { captureDeletionRoutes } from './capture-deletion';
import { dataRequestRoutes } from './data-requests';
import { settingsRoutes } from './settings';

/** The /api/v1 routes for data control: deleting captures and people's data, retention settings. Every route's first handler is `allow(…)`. */
export function dataApi(deps: ApiDeps) {
  return new Hono<AppEnv>()
    .route('/', captureDeletionRoutes(deps))
    .route('/', dataRequestRoutes(deps))
    .route('/', settingsRoutes(deps));
}

import { Hono } from 'hono';
import type { AppEnv } from '../env';
import type { ApiDeps } from './api-deps';
import { captureRoutes } from './captures';
import { screenshotRoutes } from './screenshots';

/** The /api/v1 routes for review: captures, screenshots, triage, comments, history, merge, saved views. Every route's first handler is `allow(…)`. */
export function reviewApi(deps: ApiDeps) {
  const { store, screenshots } = deps;
  return new Hono<AppEnv>()
    .route('/captures', captureRoutes(store))
    .route('/captures', screenshotRoutes(store, screenshots));
}

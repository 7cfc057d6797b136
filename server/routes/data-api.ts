import { Hono } from 'hono';
import type { AppEnv } from '../env';
import type { ApiDeps } from './api-deps';

/** The /api/v1 routes for data control: deleting captures and people's data, retention settings. Every route's first handler is `allow(…)`. */
export function dataApi(deps: ApiDeps) {
  void deps;
  return new Hono<AppEnv>();
}

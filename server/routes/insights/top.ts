import { Hono } from 'hono';
import { INSIGHTS_DEFAULT_DAYS, topQuery, type TopResponse } from '#shared/insights';
import { allow } from '../../auth/allow';
import type { AppEnv } from '../../env';
import { fieldError } from '../../http/errors';
import { validateQuery } from '../../http/validate';
import { resolveRange, withRange } from '../../store/insights/range';
import type { ApiDeps } from '../api-deps';
import { callerOf, viewerOf } from '../../auth/caller';

/** GET /insights/top: the pages, customers or reporters with most captures. */
export function topRoutes(deps: ApiDeps) {
  return new Hono<AppEnv>().get('/', allow('insights:read'), validateQuery(topQuery), async (c) => {
    const { dimension, limit, ...filter } = c.req.valid('query');
    const resolved = resolveRange(filter, deps.now(), INSIGHTS_DEFAULT_DAYS);
    if (!resolved.ok) return c.json(fieldError(resolved.field, resolved.message), 400);
    const { from, to } = resolved.range;
    const items = await deps.store.insights.top({
      filter: withRange(filter, resolved.range),
      viewer: viewerOf(callerOf(c)),
      dimension,
      limit,
    });
    const body: TopResponse = { from, to, dimension, items };
    return c.json(body, 200);
  });
}

import { Hono } from 'hono';
import { hotspotsQuery, type HotspotsResponse, INSIGHTS_DEFAULT_DAYS } from '#shared/insights';
import { allow } from '../../auth/allow';
import type { AppEnv } from '../../env';
import { fieldError } from '../../http/errors';
import { validateQuery } from '../../http/validate';
import { resolveRange, withRange } from '../../store/insights/range';
import type { ApiDeps } from '../api-deps';
import { callerOf, viewerOf } from '../../auth/caller';

/** GET /insights/hotspots: where captures pile up (route, element, tag), with a trend per bucket. */
export function hotspotRoutes(deps: ApiDeps) {
  return new Hono<AppEnv>().get('/', allow('insights:read'), validateQuery(hotspotsQuery), async (c) => {
    const { groupBy, limit, ...filter } = c.req.valid('query');
    const resolved = resolveRange(filter, deps.now(), INSIGHTS_DEFAULT_DAYS);
    if (!resolved.ok) return c.json(fieldError(resolved.field, resolved.message), 400);
    const { range } = resolved;
    const hotspots = await deps.store.insights.hotspots({
      filter: withRange(filter, range),
      viewer: viewerOf(callerOf(c)),
      bucket: range.bucket,
      buckets: range.buckets,
      groupBy,
      limit,
    });
    const body: HotspotsResponse = { ...range, hotspots };
    return c.json(body, 200);
  });
}

import { Hono } from 'hono';
import { INSIGHTS_DEFAULT_DAYS, timelineQuery, type TimelineResponse } from '#shared/insights';
import { allow } from '../../auth/allow';
import type { AppEnv } from '../../env';
import { fieldError } from '../../http/errors';
import { validateQuery } from '../../http/validate';
import { resolveRange, withRange } from '../../store/insights/range';
import type { ApiDeps } from '../api-deps';
import { callerOf, viewerOf } from '../../auth/caller';

/** GET /insights/timeline: captures per day or week, by kind or by tag. */
export function timelineRoutes(deps: ApiDeps) {
  return new Hono<AppEnv>().get('/', allow('insights:read'), validateQuery(timelineQuery), async (c) => {
    const { bucket, by, ...filter } = c.req.valid('query');
    const resolved = resolveRange(filter, deps.now(), INSIGHTS_DEFAULT_DAYS, bucket);
    if (!resolved.ok) return c.json(fieldError(resolved.field, resolved.message), 400);
    const { range } = resolved;
    const series = await deps.store.insights.timeline({
      filter: withRange(filter, range),
      viewer: viewerOf(callerOf(c)),
      bucket: range.bucket,
      buckets: range.buckets,
      by,
    });
    const body: TimelineResponse = { ...range, series };
    return c.json(body, 200);
  });
}

import { Hono } from 'hono';
import { INSIGHTS_DEFAULT_DAYS, onboardingQuery, type OnboardingResponse } from '#shared/insights';
import { allow } from '../../auth/allow';
import type { AppEnv } from '../../env';
import { fieldError } from '../../http/errors';
import { validateQuery } from '../../http/validate';
import { resolveRange, withRange } from '../../store/insights/range';
import type { ApiDeps } from '../api-deps';
import { callerOf, viewerOf } from '../../auth/caller';

/** GET /insights/onboarding: friction along flows, step by step. */
export function onboardingRoutes(deps: ApiDeps) {
  return new Hono<AppEnv>().get('/', allow('insights:read'), validateQuery(onboardingQuery), async (c) => {
    const filter = c.req.valid('query');
    const resolved = resolveRange(filter, deps.now(), INSIGHTS_DEFAULT_DAYS);
    if (!resolved.ok) return c.json(fieldError(resolved.field, resolved.message), 400);
    const { from, to } = resolved.range;
    const flows = await deps.store.insights.onboarding(withRange(filter, resolved.range), viewerOf(callerOf(c)));
    const body: OnboardingResponse = { from, to, flows };
    return c.json(body, 200);
  });
}

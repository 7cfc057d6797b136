import { Hono } from 'hono';
import type { CaptureHistory } from '#shared/review';
import { allow } from '../../auth/allow';
import type { AppEnv } from '../../env';
import { errorBody } from '../../http/errors';
import { validateParams } from '../../http/validate';
import type { ApiDeps } from '../api-deps';
import { callerOf, viewerOf } from '../../auth/caller';
import { captureIdParams } from '../params';

/** What happened to a capture, oldest first. Mounted at /captures. */
export function historyRoutes(deps: ApiDeps) {
  const { store } = deps;
  return new Hono<AppEnv>().get('/:id/history', allow('feed:read'), validateParams(captureIdParams), async (c) => {
    const { id } = c.req.valid('param');
    const events = await store.review.history(id, viewerOf(callerOf(c)));
    if (events === null) return c.json(errorBody('not_found', `no capture with id ${id}`), 404);
    const body: CaptureHistory = { events };
    return c.json(body, 200);
  });
}

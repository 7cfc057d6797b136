import { Hono } from 'hono';
import { API_PREFIX } from '#shared/api';
import { captureInput } from '#shared/capture';
import { feedQuery } from '#shared/review';
import { allow } from '../../auth/allow';
import { canonicalHash } from '../../canonical-json';
import type { AppEnv } from '../../env';
import { errorBody, fieldError } from '../../http/errors';
import { jsonBody } from '../../http/json-body';
import { validateParams, validateQuery } from '../../http/validate';
import type { ApiDeps } from '../api-deps';
import { callerOf, viewerOf } from '../../auth/caller';
import { publishChanges } from './live-publish';
import { captureIdParams } from '../params';

export function captureRoutes(deps: ApiDeps) {
  const { store, events } = deps;
  return new Hono<AppEnv>()
    .post('/', allow('capture:create'), jsonBody(captureInput), async (c) => {
      const input = c.req.valid('json');
      const { user } = callerOf(c);
      const result = await store.createCapture({
        input,
        // Hash the parsed input, so field order, defaults and tag spelling do not make a retry look new.
        inputHash: canonicalHash(input),
        reporter: { id: user.id, name: user.name },
        receivedAt: deps.now().toISOString(),
      });
      switch (result.status) {
        case 'created':
          // One that announced a screenshot is published when the screenshot arrives.
          if (input.screenshot === undefined) {
            publishChanges(events, 'capture.created', [result.capture], user.id, result.capture.receivedAt);
          }
          c.header('Location', `${API_PREFIX}/captures/${result.capture.id}`);
          return c.json(result.capture, 201);
        case 'existing':
          return c.json(result.capture, 200);
        case 'conflict':
          return c.json(
            errorBody(
              'conflict',
              `a different capture already has id ${input.id}; a retry must resend exactly the same body, and a new capture needs a new id`,
            ),
            409,
          );
      }
    })
    .get('/', allow('feed:read'), validateQuery(feedQuery), async (c) => {
      const result = await store.review.listFeed(c.req.valid('query'), viewerOf(callerOf(c)));
      if (!result.ok) return c.json(fieldError('cursor', result.message), 400);
      return c.json(result.page, 200);
    })
    .get('/:id', allow('feed:read'), validateParams(captureIdParams), async (c) => {
      const { id } = c.req.valid('param');
      const detail = await store.review.getDetail(id, viewerOf(callerOf(c)));
      if (detail === null) return c.json(errorBody('not_found', `no capture with id ${id}`), 404);
      return c.json(detail, 200);
    });
}

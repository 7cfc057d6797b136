import { Hono } from 'hono';
import { API_PREFIX, feedQuery } from '#shared/api';
import { captureInput } from '#shared/capture';
import { canonicalHash } from '../canonical-json';
import type { AppEnv } from '../env';
import { errorBody, fieldError } from '../http/errors';
import { jsonBody } from '../http/json-body';
import { validateParams, validateQuery } from '../http/validate';
import type { Store } from '../store/store';
import { captureIdParams } from './params';

export function captureRoutes(store: Store) {
  return new Hono<AppEnv>()
    .post('/', jsonBody(captureInput), async (c) => {
      const input = c.req.valid('json');
      const result = await store.createCapture({
        input,
        // Hash the parsed input, so field order, defaults and tag spelling do not make a retry look new.
        inputHash: canonicalHash(input),
        reporter: { id: c.get('user').id, name: c.get('user').name },
        receivedAt: new Date().toISOString(),
      });
      switch (result.status) {
        case 'created':
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
    .get('/', validateQuery(feedQuery), async (c) => {
      const { kind, tag, cursor, limit } = c.req.valid('query');
      const result = await store.listCaptures({ kind, tag, cursor, limit });
      if (!result.ok) return c.json(fieldError('cursor', result.message), 400);
      return c.json(result.page, 200);
    })
    .get('/:id', validateParams(captureIdParams), async (c) => {
      const { id } = c.req.valid('param');
      const capture = await store.getCapture(id);
      if (capture === null) return c.json(errorBody('not_found', `no capture with id ${id}`), 404);
      return c.json(capture, 200);
    });
}

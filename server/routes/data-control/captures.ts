import { Hono } from 'hono';
import { allow } from '../../auth/allow';
import { finishDeletion } from '../../data/finish-deletion';
import type { AppEnv } from '../../env';
import { errorBody } from '../../http/errors';
import { validateParams } from '../../http/validate';
import type { ApiDeps } from '../api-deps';
import { deletionBy } from './deletion';
import { captureIdParams } from '../params';

/** DELETE /captures/:id (mounted at /captures): the capture, everything referencing it, and its screenshot unless shared. */
export function captureDeletionRoutes(deps: ApiDeps) {
  const { store } = deps;
  return new Hono<AppEnv>().delete('/:id', allow('data:delete'), validateParams(captureIdParams), async (c) => {
    const { id } = c.req.valid('param');
    const deletion = deletionBy(c, deps.now);
    const result = await store.dataControl.deleteCapture(id, deletion.audit);
    if (result.deleted.length === 0) return c.json(errorBody('not_found', `no capture with id ${id}`), 404);
    await finishDeletion(deps, result, deletion.announced);
    return c.body(null, 204);
  });
}

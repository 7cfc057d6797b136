import { Hono } from 'hono';
import { allow } from '../../auth/allow';
import { auditActor, callerOf } from '../../auth/caller';
import { finishDeletion } from '../../data/finish-deletion';
import type { AppEnv } from '../../env';
import { clientIp } from '../../http/client-info';
import { errorBody } from '../../http/errors';
import { validateParams } from '../../http/validate';
import type { ApiDeps } from '../api-deps';
import { captureIdParams } from '../params';

/** DELETE /captures/:id (mounted at /captures): the capture, everything referencing it, and its screenshot unless shared. */
export function captureDeletionRoutes(deps: ApiDeps) {
  const { store } = deps;
  return new Hono<AppEnv>().delete('/:id', allow('data:delete'), validateParams(captureIdParams), async (c) => {
    const { id } = c.req.valid('param');
    const { user } = callerOf(c);
    const at = deps.now().toISOString();
    const who = { actor: auditActor(user), ip: clientIp(c), at };
    const result = await store.dataControl.deleteCapture(id, who);
    if (result.deleted.length === 0) return c.json(errorBody('not_found', `no capture with id ${id}`), 404);
    await finishDeletion(deps, result, { actorId: user.id, at });
    return c.body(null, 204);
  });
}

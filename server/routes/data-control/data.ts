import { Hono } from 'hono';
import { deleteByCustomerInput, deleteByReporterInput } from '#shared/data-control';
import { allow } from '../../auth/allow';
import { auditActor, callerOf } from '../../auth/caller';
import { finishDeletion } from '../../data/finish-deletion';
import type { AppEnv } from '../../env';
import { clientIp } from '../../http/client-info';
import { fieldError } from '../../http/errors';
import { jsonBody } from '../../http/json-body';
import type { ApiDeps } from '../api-deps';

/** POST /data/delete-by-reporter and /data/delete-by-customer: deleting everything a person reported, or everything about a customer (e.g. a GDPR erasure request). */
export function dataRequestRoutes(deps: ApiDeps) {
  const { store } = deps;
  return new Hono<AppEnv>()
    .post('/delete-by-reporter', allow('data:delete'), jsonBody(deleteByReporterInput), async (c) => {
      const { userId } = c.req.valid('json');
      const { user } = callerOf(c);
      const at = deps.now().toISOString();
      const who = { actor: auditActor(user), ip: clientIp(c), at };
      const result = await store.dataControl.deleteByReporter(userId, who);
      if (result === null) return c.json(fieldError('userId', `no member with id ${userId}`), 404);
      await finishDeletion(deps, result, { actorId: user.id, at });
      return c.json({ deleted: result.deleted.length }, 200);
    })
    .post('/delete-by-customer', allow('data:delete'), jsonBody(deleteByCustomerInput), async (c) => {
      const { customer } = c.req.valid('json');
      const { user } = callerOf(c);
      const at = deps.now().toISOString();
      const who = { actor: auditActor(user), ip: clientIp(c), at };
      const result = await store.dataControl.deleteByCustomer(customer, who);
      await finishDeletion(deps, result, { actorId: user.id, at });
      return c.json({ deleted: result.deleted.length }, 200);
    });
}

import { Hono } from 'hono';
import { deleteByCustomerInput, deleteByReporterInput } from '#shared/data-control';
import { allow } from '../../auth/allow';
import { finishDeletion } from '../../data/finish-deletion';
import type { AppEnv } from '../../env';
import { fieldError } from '../../http/errors';
import { jsonBody } from '../../http/json-body';
import type { ApiDeps } from '../api-deps';
import { deletionBy } from './deletion';

/** POST /data/delete-by-reporter and /data/delete-by-customer: deleting everything a person reported, or everything about a customer (e.g. a GDPR erasure request). */
export function dataRequestRoutes(deps: ApiDeps) {
  const { store } = deps;
  return new Hono<AppEnv>()
    .post('/delete-by-reporter', allow('data:delete'), jsonBody(deleteByReporterInput), async (c) => {
      const { userId } = c.req.valid('json');
      const deletion = deletionBy(c, deps.now);
      const result = await store.dataControl.deleteByReporter(userId, deletion.audit);
      if (result === null) return c.json(fieldError('userId', `no member with id ${userId}`), 404);
      await finishDeletion(deps, result, deletion.announced);
      return c.json({ deleted: result.deleted.length }, 200);
    })
    .post('/delete-by-customer', allow('data:delete'), jsonBody(deleteByCustomerInput), async (c) => {
      const { customer } = c.req.valid('json');
      const deletion = deletionBy(c, deps.now);
      const result = await store.dataControl.deleteByCustomer(customer, deletion.audit);
      await finishDeletion(deps, result, deletion.announced);
      return c.json({ deleted: result.deleted.length }, 200);
    });
}

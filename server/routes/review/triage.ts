import { Hono } from 'hono';
import { bulkTriageInput, type BulkTriageResult, mergeInput, triageInput } from '#shared/review';
import { allow } from '../../auth/allow';
import type { AppEnv } from '../../env';
import { errorBody, fieldError } from '../../http/errors';
import { jsonBody } from '../../http/json-body';
import { validateParams } from '../../http/validate';
import type { ApiDeps } from '../api-deps';
import { callerOf, viewerOf } from '../../auth/caller';
import { publishChanges } from './live-publish';
import { captureIdParams } from '../params';

const NOT_ACTIVE = 'not an active member of this workspace';
const unmergeFirst = (ids: readonly string[]) =>
  errorBody('conflict', `merged into another capture, so its status stays 'duplicate' (unmerge it first): ${ids.join(', ')}`);

/** Status, priority, assignee (one or many), and merging duplicates. Mounted at /captures. */
export function triageRoutes(deps: ApiDeps) {
  const { store, events } = deps;
  return new Hono<AppEnv>()
    .patch('/:id/triage', allow('triage:write'), validateParams(captureIdParams), jsonBody(triageInput), async (c) => {
      const { id } = c.req.valid('param');
      const auth = callerOf(c);
      const at = deps.now().toISOString();
      const result = await store.review.triage(id, c.req.valid('json'), auth.user, viewerOf(auth), at);
      switch (result.status) {
        case 'not_found':
          return c.json(errorBody('not_found', `no capture with id ${id}`), 404);
        case 'invalid_assignee':
          return c.json(fieldError('assigneeId', NOT_ACTIVE), 400);
        case 'merged':
          return c.json(unmergeFirst(result.ids), 409);
        case 'updated':
          if (result.changed) publishChanges(events, 'capture.updated', [result.capture], auth.user.id, at);
          return c.json(result.capture, 200);
      }
    })
    .post('/bulk-triage', allow('triage:write'), jsonBody(bulkTriageInput), async (c) => {
      const { ids, ...change } = c.req.valid('json');
      const auth = callerOf(c);
      const at = deps.now().toISOString();
      const result = await store.review.bulkTriage(ids, change, auth.user, viewerOf(auth), at);
      switch (result.status) {
        case 'invalid_assignee':
          return c.json(fieldError('assigneeId', NOT_ACTIVE), 400);
        case 'merged':
          return c.json(unmergeFirst(result.ids), 409);
        case 'updated': {
          const changed = new Set(result.changedIds);
          publishChanges(events, 'capture.updated', result.updated.filter((capture) => changed.has(capture.id)), auth.user.id, at);
          const body: BulkTriageResult = { updated: result.updated, notFound: result.notFound };
          return c.json(body, 200);
        }
      }
    })
    .post('/merge', allow('triage:write'), jsonBody(mergeInput), async (c) => {
      const { targetId, duplicateIds } = c.req.valid('json');
      const auth = callerOf(c);
      const at = deps.now().toISOString();
      const result = await store.review.merge(targetId, duplicateIds, auth.user, viewerOf(auth), at);
      switch (result.status) {
        case 'not_found': {
          const field = result.ids.includes(targetId) ? 'targetId' : 'duplicateIds';
          return c.json(errorBody('not_found', `no capture with id ${result.ids.join(', ')}`, [{ path: field, message: 'not found' }]), 404);
        }
        case 'target_merged':
          return c.json(
            errorBody('conflict', `the target is itself merged into ${result.mergedInto}; merge into that one instead`),
            409,
          );
        case 'merged': {
          const changed = new Set(result.changedIds);
          // Reporters are needed for the live events' visibility; the survivor and its duplicates carry them.
          const touched = await store.review.reviewedCaptures(result.changedIds, viewerOf(auth));
          publishChanges(events, 'capture.updated', touched.filter((capture) => changed.has(capture.id)), auth.user.id, at);
          return c.json(result.detail, 200);
        }
      }
    })
    .post('/:id/unmerge', allow('triage:write'), validateParams(captureIdParams), async (c) => {
      const { id } = c.req.valid('param');
      const auth = callerOf(c);
      const at = deps.now().toISOString();
      const result = await store.review.unmerge(id, auth.user, viewerOf(auth), at);
      switch (result.status) {
        case 'not_found':
          return c.json(errorBody('not_found', `no capture with id ${id}`), 404);
        case 'not_merged':
          return c.json(errorBody('conflict', `capture ${id} is not merged into another`), 409);
        case 'unmerged': {
          const target = await store.review.getReviewed(result.formerTarget, viewerOf(auth));
          publishChanges(events, 'capture.updated', [result.capture, ...(target === null ? [] : [target])], auth.user.id, at);
          return c.json(result.capture, 200);
        }
      }
    });
}

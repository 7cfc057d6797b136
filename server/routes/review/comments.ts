import { Hono } from 'hono';
import { commentInput, type CommentList } from '#shared/review';
import { allow } from '../../auth/allow';
import type { AppEnv } from '../../env';
import { errorBody } from '../../http/errors';
import { jsonBody } from '../../http/json-body';
import { validateParams } from '../../http/validate';
import type { ApiDeps } from '../api-deps';
import { callerOf, viewerOf } from '../../auth/caller';
import { publishChanges } from './live-publish';
import { captureIdParams } from '../params';

/** Ops' discussion of a capture. Mounted at /captures. */
export function commentRoutes(deps: ApiDeps) {
  const { store, events } = deps;
  return new Hono<AppEnv>()
    .get('/:id/comments', allow('feed:read'), validateParams(captureIdParams), async (c) => {
      const { id } = c.req.valid('param');
      const comments = await store.review.listComments(id, viewerOf(callerOf(c)));
      if (comments === null) return c.json(errorBody('not_found', `no capture with id ${id}`), 404);
      const body: CommentList = { comments };
      return c.json(body, 200);
    })
    .post('/:id/comments', allow('comment:create'), validateParams(captureIdParams), jsonBody(commentInput), async (c) => {
      const { id } = c.req.valid('param');
      const auth = callerOf(c);
      const viewer = viewerOf(auth);
      const at = deps.now().toISOString();
      const comment = await store.review.addComment(id, c.req.valid('json').body, auth.user, viewer, at);
      if (comment === null) return c.json(errorBody('not_found', `no capture with id ${id}`), 404);
      const capture = await store.review.getReviewed(id, viewer);
      if (capture !== null) publishChanges(events, 'capture.updated', [capture], auth.user.id, at);
      return c.json(comment, 201);
    });
}

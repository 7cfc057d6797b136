import { Hono } from 'hono';
import { savedViewInput, type SavedViewList, viewIdParams } from '#shared/review';
import { allow } from '../../auth/allow';
import type { AppEnv } from '../../env';
import { errorBody } from '../../http/errors';
import { jsonBody } from '../../http/json-body';
import { validateParams } from '../../http/validate';
import type { ApiDeps } from '../api-deps';
import { callerOf } from '../../auth/caller';

/**
 * Saved feed filters: your own, and with views:share the ones shared with the workspace (guests
 * neither see nor publish those: they name customers and search terms). Mounted at /views.
 */
export function viewRoutes(deps: ApiDeps) {
  const { store } = deps;
  return new Hono<AppEnv>()
    .get('/', allow('feed:read'), async (c) => {
      const auth = callerOf(c);
      const views = await store.review.listViews(auth.user.id, { includeShared: auth.permissions.has('views:share') });
      const body: SavedViewList = { views };
      return c.json(body, 200);
    })
    .post('/', allow('account:manage'), jsonBody(savedViewInput), async (c) => {
      const auth = callerOf(c);
      const input = c.req.valid('json');
      if (input.shared && !auth.permissions.has('views:share')) {
        const message = 'sharing a view with everyone needs the views:share permission; save it for yourself instead';
        return c.json(errorBody('forbidden', `shared: ${message}`, [{ path: 'shared', message }]), 403);
      }
      const view = await store.review.createView(auth.user, input, deps.now().toISOString());
      return c.json(view, 201);
    })
    .delete('/:id', allow('account:manage'), validateParams(viewIdParams), async (c) => {
      const { id } = c.req.valid('param');
      const auth = callerOf(c);
      // Admins tidy up anyone's shared views; everyone else only their own.
      const result = await store.review.deleteView(id, {
        id: auth.user.id,
        mayDeleteAny: auth.permissions.has('members:manage'),
        seesShared: auth.permissions.has('views:share'),
      });
      switch (result) {
        case 'deleted':
          return c.body(null, 204);
        case 'forbidden':
          return c.json(errorBody('forbidden', 'only its owner or an admin can delete this view'), 403);
        case 'not_found':
          return c.json(errorBody('not_found', `no saved view with id ${id}`), 404);
      }
    });
}

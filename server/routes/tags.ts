import { Hono } from 'hono';
import { workspaceTagsInput, type WorkspaceTags } from '#shared/api';
import type { AppEnv } from '../env';
import { jsonBody } from '../http/json-body';
import { requireAdmin } from '../middleware/require-admin';
import type { Store } from '../store/store';

/** The workspace's tag list: everyone reads it (the extension caches it), admins replace it. */
export function tagRoutes(store: Store) {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const body: WorkspaceTags = { tags: await store.listWorkspaceTags() };
      return c.json(body, 200);
    })
    .put('/', requireAdmin(), jsonBody(workspaceTagsInput), async (c) => {
      const { tags } = c.req.valid('json');
      const body: WorkspaceTags = { tags: await store.replaceWorkspaceTags(tags) };
      return c.json(body, 200);
    });
}

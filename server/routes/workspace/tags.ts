import { Hono } from 'hono';
import { workspaceTagsInput, type WorkspaceTags } from '#shared/api';
import { allow } from '../../auth/allow';
import { clientIp } from '../../http/client-info';
import { auditActor, callerOf } from '../../auth/caller';
import type { AppEnv } from '../../env';
import { jsonBody } from '../../http/json-body';
import type { ApiDeps } from '../api-deps';

/** The workspace's tag list: everyone who captures reads it (the extension caches it), admins replace it. */
export function tagRoutes({ store, now }: ApiDeps) {
  return new Hono<AppEnv>()
    .get('/', allow('capture:create'), async (c) => {
      const body: WorkspaceTags = { tags: await store.listWorkspaceTags() };
      return c.json(body, 200);
    })
    .put('/', allow('tags:manage'), jsonBody(workspaceTagsInput), async (c) => {
      const { tags } = c.req.valid('json');
      const body: WorkspaceTags = { tags: await store.replaceWorkspaceTags(tags) };
      await store.audit.record({
        action: 'tags.changed',
        actor: auditActor(callerOf(c).user),
        ip: clientIp(c),
        details: { tags: body.tags.length },
        at: now().toISOString(),
      });
      return c.json(body, 200);
    });
}

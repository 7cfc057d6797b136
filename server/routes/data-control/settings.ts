import { Hono } from 'hono';
import { workspaceSettings } from '#shared/data-control';
import { allow } from '../../auth/allow';
import { auditActor, callerOf } from '../../auth/caller';
import type { AppEnv } from '../../env';
import { clientIp } from '../../http/client-info';
import { jsonBody } from '../../http/json-body';
import type { ApiDeps } from '../api-deps';

/** GET/PUT /settings: workspace settings (retention). */
export function settingsRoutes(deps: ApiDeps) {
  const { store } = deps;
  return new Hono<AppEnv>()
    .get('/', allow('settings:manage'), async (c) => c.json(await store.dataControl.getSettings(), 200))
    .put('/', allow('settings:manage'), jsonBody(workspaceSettings), async (c) => {
      const input = c.req.valid('json');
      const { user } = callerOf(c);
      const { current } = await store.dataControl.updateSettings(input, {
        actor: auditActor(user),
        ip: clientIp(c),
        at: deps.now().toISOString(),
      });
      return c.json(current, 200);
    });
}

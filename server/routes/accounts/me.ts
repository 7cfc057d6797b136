import { Hono } from 'hono';
import type { Me } from '#shared/api';
import { allow } from '../../auth/allow';
import { callerOf } from '../../auth/caller';
import type { AppEnv } from '../../env';

/** Who the caller is: what the extension shows as "signed in as". */
export function meRoutes() {
  return new Hono<AppEnv>().get('/', allow('account:read'), (c) => {
    const { id, name, role } = callerOf(c).user;
    const body: Me = { user: { id, name, role } };
    return c.json(body);
  });
}

import { Hono } from 'hono';
import type { PeopleList } from '#shared/account';
import { allow } from '../../auth/allow';
import type { AppEnv } from '../../env';
import type { ApiDeps } from '../api-deps';

/** Active members by name: assignee pickers and reporter filters. */
export function peopleRoutes({ store }: ApiDeps) {
  return new Hono<AppEnv>().get('/', allow('feed:read-all'), async (c) => {
    const users = await store.accounts.listUsers();
    const body: PeopleList = {
      people: users.filter((user) => user.active).map(({ id, name, role }) => ({ id, name, role })),
    };
    return c.json(body, 200);
  });
}

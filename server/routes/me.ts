import { Hono } from 'hono';
import type { Me } from '#shared/api';
import type { AppEnv } from '../env';

export function meRoutes() {
  return new Hono<AppEnv>().get('/', (c) => {
    const { id, name, role } = c.get('user');
    const body: Me = { user: { id, name, role } };
    return c.json(body);
  });
}

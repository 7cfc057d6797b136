import { Hono } from 'hono';
import type { Health } from '#shared/api';

export function healthRoutes(version: string) {
  const body: Health = { ok: true, service: 'snag', version };
  return new Hono().get('/', (c) => c.json(body));
}

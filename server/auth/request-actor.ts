import type { Context } from 'hono';
import type { AppEnv } from '../env';

/** Who to name in the audit log for this request: the signed-in caller. */
export function actorOf(c: Context<AppEnv>): { id: string; name: string } {
  const { id, name } = c.get('user');
  return { id, name };
}

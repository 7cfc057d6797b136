import type { Context } from 'hono';
import { auditActor, callerOf } from '../../auth/caller';
import type { AppEnv } from '../../env';
import { clientIp } from '../../http/client-info';
import type { DeletionAudit } from '../../store/data-control/store';

/** Who deletes, from where and when: `audit` for the store's audit entry, `announced` for finishDeletion's live events. */
export function deletionBy(c: Context<AppEnv>, now: () => Date): { audit: DeletionAudit; announced: { actorId: string; at: string } } {
  const { user } = callerOf(c);
  const at = now().toISOString();
  return { audit: { actor: auditActor(user), ip: clientIp(c), at }, announced: { actorId: user.id, at } };
}

import { Hono } from 'hono';
import { idParams, type Member, type MemberList, memberPatch } from '#shared/account';
import type { AuditAction } from '#shared/audit';
import { accountError } from '../../auth/account-errors';
import { allow } from '../../auth/allow';
import { clientIp } from '../../http/client-info';
import { auditActor, callerOf } from '../../auth/caller';
import type { AppEnv } from '../../env';
import { errorBody } from '../../http/errors';
import { jsonBody } from '../../http/json-body';
import { validateParams } from '../../http/validate';
import type { AccountUser } from '../../store/accounts/store';
import type { ApiDeps } from '../api-deps';

export function memberFromUser(user: AccountUser): Member {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    active: user.active,
    createdAt: user.createdAt,
    lastSeenAt: user.lastSeenAt,
  };
}

/** Admins manage who is in the workspace and with which role. */
export function memberRoutes({ store, now, events }: ApiDeps) {
  return new Hono<AppEnv>()
    .get('/', allow('members:manage'), async (c) => {
      const body: MemberList = { members: (await store.accounts.listUsers()).map(memberFromUser) };
      return c.json(body, 200);
    })
    .patch('/:id', allow('members:manage'), validateParams(idParams), jsonBody(memberPatch), async (c) => {
      const { id } = c.req.valid('param');
      const patch = c.req.valid('json');
      const at = now().toISOString();
      const result = await store.accounts.updateMember(id, patch, at);
      switch (result.status) {
        case 'not_found':
          return c.json(errorBody('not_found', `no member with id ${id}`), 404);
        case 'last_admin':
          return c.json(
            accountError('last_admin', 'this is the last active admin; make someone else an admin first'),
            409,
          );
        case 'updated': {
          const { before, after } = result;
          // Open live streams were opened with the old role or while active: end them now.
          if (before.role !== after.role || before.active !== after.active) events.accessChanged({ kind: 'user', userId: id });
          const actor = auditActor(callerOf(c).user);
          const ip = clientIp(c);
          if (before.role !== after.role) {
            await store.audit.record({
              action: 'member.role_changed',
              actor,
              target: id,
              ip,
              details: { from: before.role, to: after.role },
              at,
            });
          }
          if (before.active !== after.active) {
            const action: AuditAction = after.active ? 'member.reactivated' : 'member.deactivated';
            await store.audit.record({ action, actor, target: id, ip, at });
          }
          return c.json(memberFromUser(after), 200);
        }
      }
    });
}

import { Hono } from 'hono';
import {
  idParams,
  type Invite,
  inviteAccept,
  inviteCreate,
  type InviteCreated,
  type InviteList,
  type InvitePeek,
  invitePath,
  invitePeekInput,
  type SessionInfo,
} from '#shared/account';
import { accountError } from '../../auth/account-errors';
import { allow } from '../../auth/allow';
import { clientIp } from '../../http/client-info';
import { hashPassword } from '../../auth/password';
import { auditActor, callerOf } from '../../auth/caller';
import { startSession, wireUser } from '../../auth/sessions';
import type { AppEnv } from '../../env';
import { errorBody, fieldError } from '../../http/errors';
import { jsonBody } from '../../http/json-body';
import { validateParams } from '../../http/validate';
import type { InviteRecord } from '../../store/accounts/store';
import { generateSecret, hashToken } from '../../auth/tokens';
import type { ApiDeps } from '../api-deps';

const HOUR_MS = 60 * 60 * 1000;

export function wireInvite(invite: InviteRecord): Invite {
  return {
    id: invite.id,
    role: invite.role,
    email: invite.email,
    expiresAt: invite.expiresAt,
    createdAt: invite.createdAt,
    invitedBy: invite.invitedBy,
  };
}

const notFound = errorBody('not_found', 'this invite link is not valid; ask for a new one');
const expired = accountError('invite_expired', 'this invite has expired; ask for a new one');
const used = accountError('invite_used', 'this invite has already been used; sign in instead, or ask for a new one');
const emailTaken = (email: string) =>
  errorBody('conflict', `email: ${email} is already a member; sign in instead`, [
    { path: 'email', message: 'is already a member; sign in instead' },
  ]);

/** Admins invite people by link; the link's holder joins with their name, email and a password. */
export function inviteRoutes({ store, now }: ApiDeps) {
  return new Hono<AppEnv>()
    .post('/', allow('members:manage'), jsonBody(inviteCreate), async (c) => {
      const { role, email, expiresInHours } = c.req.valid('json');
      const { user } = callerOf(c);
      const at = now();
      const token = generateSecret();
      const invite = await store.accounts.createInvite({
        tokenHash: hashToken(token),
        role,
        email: email ?? null,
        invitedBy: user.id,
        at: at.toISOString(),
        expiresAt: new Date(at.getTime() + expiresInHours * HOUR_MS).toISOString(),
      });
      await store.audit.record({
        action: 'member.invited',
        actor: auditActor(user),
        target: invite.id,
        ip: clientIp(c),
        details: { role, email: email ?? null, expiresInHours },
        at: at.toISOString(),
      });
      const body: InviteCreated = { invite: wireInvite(invite), token, path: invitePath(token) };
      c.header('Cache-Control', 'no-store');
      return c.json(body, 201);
    })
    .get('/', allow('members:manage'), async (c) => {
      const body: InviteList = { invites: (await store.accounts.listPendingInvites(now().toISOString())).map(wireInvite) };
      return c.json(body, 200);
    })
    .delete('/:id', allow('members:manage'), validateParams(idParams), async (c) => {
      const { id } = c.req.valid('param');
      if (!(await store.accounts.deletePendingInvite(id))) {
        return c.json(errorBody('not_found', `no pending invite with id ${id}`), 404);
      }
      return c.body(null, 204);
    })
    // POST, not GET: the token stays out of URLs, logs and browser history.
    .post('/peek', allow('public'), jsonBody(invitePeekInput), async (c) => {
      const invite = await store.accounts.findInvite(hashToken(c.req.valid('json').token));
      if (invite === null) return c.json(notFound, 404);
      if (invite.usedAt !== null) return c.json(used, 410);
      if (invite.expiresAt <= now().toISOString()) return c.json(expired, 410);
      const body: InvitePeek = {
        role: invite.role,
        email: invite.email,
        expiresAt: invite.expiresAt,
        invitedBy: invite.invitedBy === null ? null : { name: invite.invitedBy.name },
      };
      return c.json(body, 200);
    })
    .post('/accept', allow('public'), jsonBody(inviteAccept), async (c) => {
      const { token, name, email, password } = c.req.valid('json');
      const tokenHash = hashToken(token);
      const at = now();
      // Cheap checks before the deliberately slow password hash, so a bad link costs us nothing.
      const invite = await store.accounts.findInvite(tokenHash);
      if (invite === null) return c.json(notFound, 404);
      if (invite.usedAt !== null) return c.json(used, 410);
      if (invite.expiresAt <= at.toISOString()) return c.json(expired, 410);

      const result = await store.accounts.acceptInvite({
        tokenHash,
        name,
        email,
        passwordHash: await hashPassword(password),
        at: at.toISOString(),
      });
      switch (result.status) {
        case 'not_found':
          return c.json(notFound, 404);
        case 'used':
          return c.json(used, 410);
        case 'expired':
          return c.json(expired, 410);
        case 'email_mismatch':
          return c.json(fieldError('email', 'this invite is for a different email address'), 400);
        case 'email_taken':
          return c.json(emailTaken(email), 409);
        case 'accepted': {
          const { user } = result;
          const csrfToken = await startSession(c, store, user, at);
          await store.audit.record({
            action: 'member.joined',
            actor: auditActor(user),
            target: user.id,
            ip: clientIp(c),
            details: { role: user.role, invite: result.invite.id },
            at: at.toISOString(),
          });
          const body: SessionInfo = { user: wireUser(user), csrfToken };
          c.header('Cache-Control', 'no-store');
          return c.json(body, 201);
        }
      }
    });
}

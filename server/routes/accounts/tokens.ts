import { Hono } from 'hono';
import { type ApiToken, idParams, tokenCreate, type TokenCreated, type TokenList, tokenListQuery } from '#shared/account';
import { allow } from '../../auth/allow';
import { clientIp } from '../../http/client-info';
import { auditActor, callerOf } from '../../auth/caller';
import type { AppEnv } from '../../env';
import { errorBody } from '../../http/errors';
import { jsonBody } from '../../http/json-body';
import { validateParams, validateQuery } from '../../http/validate';
import type { TokenInfo, TokenWithOwner } from '../../store/accounts/store';
import { generateToken, hashToken } from '../../auth/tokens';
import type { ApiDeps } from '../api-deps';

function wireToken(token: TokenInfo): ApiToken {
  const { id, name, scope, createdAt, lastUsedAt, revokedAt } = token;
  return { id, name, scope, createdAt, lastUsedAt, revokedAt };
}

function wireTokenWithOwner(token: TokenWithOwner): ApiToken {
  return { ...wireToken(token), user: token.user };
}

/** The answer when a person already holds as many tokens as one person may. */
export function tooManyTokens(held: number) {
  return errorBody(
    'limit_reached',
    `you already hold ${held} tokens (paired extensions included), the most one person may; revoke one you no longer use on your account page`,
  );
}

/** API tokens for scripts (and the ones pairing gave the extension): list, create, revoke. */
export function tokenRoutes({ store, now, limits, events }: ApiDeps) {
  return new Hono<AppEnv>()
    .get('/', allow('account:manage'), validateQuery(tokenListQuery), async (c) => {
      const { all } = c.req.valid('query');
      const caller = callerOf(c);
      if (all && !caller.permissions.has('members:manage')) {
        return c.json(errorBody('forbidden', "only admins can list everyone's tokens (needs members:manage)"), 403);
      }
      const tokens = await store.accounts.listTokens(all ? {} : { userId: caller.user.id });
      const body: TokenList = { tokens: tokens.map(all ? wireTokenWithOwner : wireToken) };
      return c.json(body, 200);
    })
    .post('/', allow('account:manage'), jsonBody(tokenCreate), async (c) => {
      const { name, scope } = c.req.valid('json');
      const { user } = callerOf(c);
      const at = now().toISOString();
      const secret = generateToken();
      const created = await store.accounts.createTokenWithin(
        { userId: user.id, name, scope, tokenHash: hashToken(secret), at },
        limits.tokensPerPerson,
      );
      if (!created.ok) return c.json(tooManyTokens(created.held), 409);
      const { token } = created;
      await store.audit.record({
        action: 'token.created',
        actor: auditActor(user),
        target: token.id,
        ip: clientIp(c),
        details: { scope, name },
        at,
      });
      const body: TokenCreated = { token: wireToken(token), secret };
      c.header('Cache-Control', 'no-store');
      return c.json(body, 201);
    })
    .delete('/:id', allow('account:manage'), validateParams(idParams), async (c) => {
      const { id } = c.req.valid('param');
      const caller = callerOf(c);
      const token = await store.accounts.getToken(id);
      const mayRevoke = token !== null && (token.userId === caller.user.id || caller.permissions.has('members:manage'));
      // Someone else's token answers like a missing one: its id tells nothing.
      if (token === null || !mayRevoke) return c.json(errorBody('not_found', `no token with id ${id}`), 404);
      if (token.revokedAt === null) {
        const at = now().toISOString();
        await store.accounts.revokeToken(id, at);
        events.accessChanged({ kind: 'token', tokenId: id });
        await store.audit.record({
          action: 'token.revoked',
          actor: auditActor(caller.user),
          target: id,
          ip: clientIp(c),
          details: { owner: token.userId, name: token.name },
          at,
        });
      }
      return c.body(null, 204);
    });
}

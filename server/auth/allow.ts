import type { MiddlewareHandler } from 'hono';
import type { Permission } from '#shared/roles';
import type { AppEnv } from '../env';
import { errorBody } from '../http/errors';
import { accountError } from './account-errors';
import { credentialProblem, NOT_SIGNED_IN } from './credential-problem';

/** What a route requires: a permission, any signed-in caller, or nobody at all. */
export type RouteRule = Permission | 'signed-in' | 'public';

const RULE = Symbol('snag.route-rule');

type RuleHandler = MiddlewareHandler<AppEnv> & { readonly [RULE]: RouteRule };

/**
 * The first handler of every API route: `.get('/', allow('feed:read'), …)`. The authorization
 * matrix test reads these rules back from `app.routes`, so a route without one fails the test.
 * Public routes ignore whatever credentials came along (a revoked token must not stop re-pairing).
 */
export function allow(rule: RouteRule): RuleHandler {
  const handler: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (rule === 'public') return next();
    const auth = c.get('auth');
    if (auth === undefined) {
      const problem = credentialProblem(c);
      if (problem?.kind === 'csrf') return c.json(accountError('csrf', problem.message), 403);
      return c.json(
        errorBody('unauthorized', problem?.message ?? NOT_SIGNED_IN),
        401,
      );
    }
    if (rule !== 'signed-in' && !auth.permissions.has(rule)) {
      const what = auth.via === 'token' && auth.scope === 'capture' ? 'this capture-only token' : `the ${auth.user.role} role`;
      return c.json(errorBody('forbidden', `${what} does not allow this (needs ${rule}); ask a workspace admin`), 403);
    }
    return next();
  };
  return Object.assign(handler, { [RULE]: rule } as const);
}

/** The rule a handler was made with by `allow`, if it was. */
export function ruleOf(handler: unknown): RouteRule | undefined {
  if (typeof handler !== 'function') return undefined;
  return (handler as Partial<RuleHandler>)[RULE];
}

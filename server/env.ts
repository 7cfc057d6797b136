import type { Permission, TokenScope } from '#shared/roles';
import type { User } from './store/store';

/** Who is calling and how: set by the authentication middleware, absent for anonymous calls. */
export interface Auth {
  user: User;
  via: 'token' | 'session';
  /** The role's permissions narrowed by the token's scope. */
  permissions: ReadonlySet<Permission>;
  scope: TokenScope;
  tokenId?: string;
  sessionId?: string;
}

/** What middleware hands to handlers through the Hono context. */
export interface AppEnv {
  Variables: {
    /** The caller, if any: `allow()` turns its absence into 401; handlers read it through `callerOf`. */
    auth: Auth | undefined;
  };
}

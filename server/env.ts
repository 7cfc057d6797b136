import type { User } from './store/store';

/** What middleware hands to handlers through the Hono context. */
export interface AppEnv {
  Variables: {
    /** The token's owner: the only source of a capture's reporter. */
    user: User;
  };
}

import type { Kysely, Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../schema';
import type { AccountUser, NewAccountUser, NewToken, TokenInfo } from './store';

/** The database or a transaction on it: inserts shared by several operations run in either. */
export type Db = Kysely<Database> | Transaction<Database>;

export async function insertUser(db: Db, input: NewAccountUser): Promise<AccountUser> {
  const user: AccountUser = {
    id: uuidv7(),
    name: input.name,
    email: input.email,
    role: input.role,
    active: true,
    createdAt: input.at,
    lastSeenAt: null,
  };
  await db
    .insertInto('users')
    .values({
      id: user.id,
      name: user.name,
      role: user.role,
      created_at: user.createdAt,
      email: user.email,
      password_hash: input.passwordHash,
      deactivated_at: null,
      last_seen_at: null,
    })
    .execute();
  return user;
}

export async function insertToken(db: Db, input: NewToken): Promise<TokenInfo> {
  const token: TokenInfo = {
    id: uuidv7(),
    userId: input.userId,
    name: input.name,
    scope: input.scope,
    createdAt: input.at,
    lastUsedAt: null,
    revokedAt: null,
  };
  await db
    .insertInto('tokens')
    .values({
      id: token.id,
      user_id: token.userId,
      token_hash: input.tokenHash,
      name: token.name,
      scope: token.scope,
      created_at: token.createdAt,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
  return token;
}

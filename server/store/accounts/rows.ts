import type { Selectable } from 'kysely';
import { role, tokenScope } from '#shared/roles';
import type { TokensTable, UsersTable } from './schema';
import type { AccountUser, TokenInfo } from './store';

export type UserRow = Pick<
  Selectable<UsersTable>,
  'id' | 'name' | 'role' | 'email' | 'created_at' | 'deactivated_at' | 'last_seen_at'
>;

/** The user columns every read selects (`password_hash` only where signing in needs it). */
export const userColumns = ['id', 'name', 'role', 'email', 'created_at', 'deactivated_at', 'last_seen_at'] as const;

export function userFromRow(row: UserRow): AccountUser {
  return {
    id: row.id,
    name: row.name,
    // Rows were written from typed input; parse anyway so a bad row fails loudly, not as a wrong role.
    role: role.parse(row.role),
    email: row.email,
    active: row.deactivated_at === null,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
  };
}

export type TokenRow = Pick<
  Selectable<TokensTable>,
  'id' | 'user_id' | 'name' | 'scope' | 'created_at' | 'last_used_at' | 'revoked_at'
>;

export const tokenColumns = ['id', 'user_id', 'name', 'scope', 'created_at', 'last_used_at', 'revoked_at'] as const;

export function tokenFromRow(row: TokenRow): TokenInfo {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    scope: tokenScope.parse(row.scope),
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** A unique index refused the row (SQLite and PostgreSQL say it differently). */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  return error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === '23505';
}

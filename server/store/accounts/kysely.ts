import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { prepare, type SlotFn } from '../prepared';
import type { Database } from '../schema';
import type { SqlDialect } from '../store';
import * as invites from './invites';
import * as limits from './limits';
import * as pairings from './pairings';
import * as throttles from './throttles';
import { isUniqueViolation, tokenColumns, tokenFromRow, userColumns, userFromRow } from './rows';
import type {
  AcceptInvite,
  AcceptInviteResult,
  CappedTokenResult,
  AccountStore,
  AccountUser,
  CollectPairing,
  CollectPairingResult,
  CreateUserResult,
  InviteRecord,
  MemberChange,
  NewAccountUser,
  NewInvite,
  NewPairing,
  NewSession,
  NewToken,
  PairingDecisionInput,
  PairingDecisionResult,
  SessionRecord,
  ThrottleResult,
  ThrottleTake,
  TokenInfo,
  TokenWithOwner,
  UpdateMemberResult,
} from './store';
import { insertToken, insertUser } from './writes';

/** Every API request looks its token up, so that query is compiled once (see `prepare`). */
function bearerQuery(db: Kysely<Database>) {
  return prepare((slot: SlotFn<{ tokenHash: string }>) =>
    db
      .selectFrom('tokens')
      .innerJoin('users', 'users.id', 'tokens.user_id')
      .select([
        'tokens.id as token_id',
        'tokens.name as token_name',
        'tokens.scope',
        'tokens.created_at as token_created_at',
        'tokens.last_used_at',
        'tokens.revoked_at',
        'users.id',
        'users.name',
        'users.role',
        'users.email',
        'users.created_at',
        'users.deactivated_at',
        'users.last_seen_at',
      ])
      .where('tokens.token_hash', '=', slot('tokenHash')),
  );
}

export class KyselyAccountStore implements AccountStore {
  private readonly bearer: ReturnType<typeof bearerQuery>;

  constructor(
    protected readonly db: Kysely<Database>,
    protected readonly dialect: SqlDialect,
  ) {
    this.bearer = bearerQuery(db);
  }

  // ---- Users ----

  async countUsers(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('count'))
      .executeTakeFirstOrThrow();
    // SQLite answers a number, PostgreSQL a bigint-as-string.
    return Number(row.count);
  }

  async createUser(input: NewAccountUser): Promise<CreateUserResult> {
    try {
      const user = await insertUser(this.db, input);
      return { ok: true, user };
    } catch (error) {
      if (isUniqueViolation(error)) return { ok: false, reason: 'email_taken' };
      throw error;
    }
  }

  async getUser(id: string): Promise<AccountUser | null> {
    const row = await this.db.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
    return row === undefined ? null : userFromRow(row);
  }

  async findLogin(email: string): Promise<{ user: AccountUser; passwordHash: string | null } | null> {
    const row = await this.db
      .selectFrom('users')
      .select([...userColumns, 'password_hash'])
      .where('email', '=', email)
      .executeTakeFirst();
    return row === undefined ? null : { user: userFromRow(row), passwordHash: row.password_hash };
  }

  async listUsers(): Promise<AccountUser[]> {
    const rows = await this.db.selectFrom('users').select(userColumns).orderBy('name').orderBy('id').execute();
    return rows.map(userFromRow);
  }

  async updateMember(id: string, patch: MemberChange, at: string): Promise<UpdateMemberResult> {
    return this.db.transaction().execute(async (trx) => {
      // PostgreSQL: lock the active admins, so two admins demoting each other at the same moment
      // cannot both see "another admin is left". SQLite runs one write transaction at a time anyway.
      let admins = trx.selectFrom('users').select('id').where('role', '=', 'admin').where('deactivated_at', 'is', null);
      if (this.dialect === 'postgres') admins = admins.forUpdate();
      const activeAdminIds = (await admins.execute()).map((row) => row.id);

      const row = await trx.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
      if (row === undefined) return { status: 'not_found' };
      const before = userFromRow(row);
      const after: AccountUser = { ...before, role: patch.role ?? before.role, active: patch.active ?? before.active };

      const wasAdmin = before.role === 'admin' && before.active;
      const staysAdmin = after.role === 'admin' && after.active;
      if (wasAdmin && !staysAdmin && activeAdminIds.every((adminId) => adminId === id)) return { status: 'last_admin' };

      const deactivatedAt = after.active ? null : before.active ? at : row.deactivated_at;
      await trx.updateTable('users').set({ role: after.role, deactivated_at: deactivatedAt }).where('id', '=', id).execute();
      if (before.active && !after.active) {
        // Everything that lets them in ends now, not when it would have expired.
        await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
        await trx.updateTable('tokens').set({ revoked_at: at }).where('user_id', '=', id).where('revoked_at', 'is', null).execute();
      }
      return { status: 'updated', before, after };
    });
  }

  // ---- Tokens ----

  async createToken(input: NewToken): Promise<TokenInfo> {
    return insertToken(this.db, input);
  }

  async findBearer(tokenHash: string): Promise<{ token: TokenInfo; user: AccountUser } | null> {
    const [row] = (await this.db.executeQuery(this.bearer({ tokenHash }))).rows;
    if (row === undefined) return null;
    return {
      token: tokenFromRow({
        id: row.token_id,
        user_id: row.id,
        name: row.token_name,
        scope: row.scope,
        created_at: row.token_created_at,
        last_used_at: row.last_used_at,
        revoked_at: row.revoked_at,
      }),
      user: userFromRow(row),
    };
  }

  async markTokenUsed(tokenId: string, userId: string, at: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('tokens').set({ last_used_at: at }).where('id', '=', tokenId).execute();
      await trx.updateTable('users').set({ last_seen_at: at }).where('id', '=', userId).execute();
    });
  }

  async listTokens(filter: { userId?: string }): Promise<TokenWithOwner[]> {
    const rows = await this.db
      .selectFrom('tokens')
      .innerJoin('users', 'users.id', 'tokens.user_id')
      .select(tokenColumns.map((column) => `tokens.${column}` as const))
      .select('users.name as user_name')
      .$if(filter.userId !== undefined, (q) => q.where('tokens.user_id', '=', filter.userId ?? ''))
      .orderBy('tokens.created_at', 'desc')
      .orderBy('tokens.id', 'desc')
      .execute();
    return rows.map((row) => ({ ...tokenFromRow(row), user: { id: row.user_id, name: row.user_name } }));
  }

  async getToken(id: string): Promise<TokenWithOwner | null> {
    const row = await this.db
      .selectFrom('tokens')
      .innerJoin('users', 'users.id', 'tokens.user_id')
      .select(tokenColumns.map((column) => `tokens.${column}` as const))
      .select('users.name as user_name')
      .where('tokens.id', '=', id)
      .executeTakeFirst();
    return row === undefined ? null : { ...tokenFromRow(row), user: { id: row.user_id, name: row.user_name } };
  }

  async revokeToken(id: string, at: string): Promise<TokenInfo | null> {
    await this.db.updateTable('tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
    const row = await this.db.selectFrom('tokens').select(tokenColumns).where('id', '=', id).executeTakeFirst();
    return row === undefined ? null : tokenFromRow(row);
  }

  // ---- Sessions ----

  async createSession(input: NewSession): Promise<SessionRecord> {
    const session: SessionRecord = {
      id: uuidv7(),
      userId: input.userId,
      csrfToken: input.csrfToken,
      createdAt: input.at,
      lastSeenAt: input.at,
    };
    await this.db
      .insertInto('sessions')
      .values({
        id: session.id,
        id_hash: input.idHash,
        user_id: session.userId,
        csrf_token: session.csrfToken,
        created_at: session.createdAt,
        last_seen_at: session.lastSeenAt,
      })
      .execute();
    return session;
  }

  async findSession(idHash: string): Promise<{ session: SessionRecord; user: AccountUser } | null> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([
        'sessions.id as session_id',
        'sessions.csrf_token',
        'sessions.created_at as session_created_at',
        'sessions.last_seen_at as session_last_seen_at',
        ...userColumns.map((column) => `users.${column}` as const),
      ])
      .where('sessions.id_hash', '=', idHash)
      .executeTakeFirst();
    if (row === undefined) return null;
    return {
      session: {
        id: row.session_id,
        userId: row.id,
        csrfToken: row.csrf_token,
        createdAt: row.session_created_at,
        lastSeenAt: row.session_last_seen_at,
      },
      user: userFromRow(row),
    };
  }

  async touchSession(sessionId: string, userId: string, at: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', sessionId).execute();
      await trx.updateTable('users').set({ last_seen_at: at }).where('id', '=', userId).execute();
    });
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', sessionId).execute();
  }

  async deleteUserSessions(userId: string): Promise<number> {
    const result = await this.db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async deleteExpiredSessions(cutoffs: { idleBefore: string; createdBefore: string }): Promise<number> {
    const result = await this.db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('last_seen_at', '<', cutoffs.idleBefore), eb('created_at', '<', cutoffs.createdBefore)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  // ---- Invites (invites.ts) and pairing (pairings.ts) ----

  createInvite(input: NewInvite): Promise<InviteRecord> {
    return invites.createInvite(this.db, input);
  }

  findInvite(tokenHash: string): Promise<InviteRecord | null> {
    return invites.findInvite(this.db, tokenHash);
  }

  listPendingInvites(at: string): Promise<InviteRecord[]> {
    return invites.listPendingInvites(this.db, at);
  }

  deletePendingInvite(id: string): Promise<boolean> {
    return invites.deletePendingInvite(this.db, id);
  }

  deleteSetupInvites(): Promise<number> {
    return invites.deleteSetupInvites(this.db);
  }

  acceptInvite(input: AcceptInvite): Promise<AcceptInviteResult> {
    return invites.acceptInvite(this.db, input);
  }

  createPairing(input: NewPairing): Promise<boolean> {
    return pairings.createPairing(this.db, input);
  }

  decidePairing(input: PairingDecisionInput): Promise<PairingDecisionResult> {
    return pairings.decidePairing(this.db, this.dialect, input);
  }

  collectPairing(input: CollectPairing): Promise<CollectPairingResult> {
    return pairings.collectPairing(this.db, input);
  }
  // ---- Throttles (throttles.ts) ----

  takeThrottle(input: ThrottleTake): Promise<ThrottleResult> {
    return throttles.takeThrottle(this.db, input);
  }

  refundThrottle(key: string, capacity: number): Promise<void> {
    return throttles.refundThrottle(this.db, key, capacity);
  }

  resetThrottle(key: string): Promise<void> {
    return throttles.resetThrottle(this.db, key);
  }

  deleteIdleThrottles(before: string): Promise<number> {
    return throttles.deleteIdleThrottles(this.db, before);
  }

  // ---- Per-person caps (limits.ts) ----

  createTokenWithin(input: NewToken, maxHeld: number): Promise<CappedTokenResult> {
    return limits.createTokenWithin(this.db, this.dialect, input, maxHeld);
  }

  heldTokens(userId: string, at: string): Promise<number> {
    return limits.heldTokens(this.db, userId, at);
  }

  screenshotBytesOf(userId: string): Promise<number> {
    return limits.screenshotBytesOf(this.db, userId);
  }
}

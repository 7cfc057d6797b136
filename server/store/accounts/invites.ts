import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { role as roleSchema } from '#shared/roles';
import type { Database } from '../schema';
import { isUniqueViolation } from './rows';
import type { AcceptInvite, AcceptInviteResult, InviteRecord, NewInvite } from './store';
import { type Db, insertUser } from './writes';

/** Invites: the accounts store's queries on them (see AccountStore for what each promises). */

export async function createInvite(db: Kysely<Database>, input: NewInvite): Promise<InviteRecord> {
  const id = uuidv7();
  await db
    .insertInto('invites')
    .values({
      id,
      token_hash: input.tokenHash,
      role: input.role,
      email: input.email,
      invited_by: input.invitedBy,
      created_at: input.at,
      expires_at: input.expiresAt,
      used_at: null,
      used_by: null,
    })
    .execute();
  const invite = await selectInvites(db).where('invites.id', '=', id).executeTakeFirstOrThrow();
  return inviteFromRow(invite);
}

export async function findInvite(db: Kysely<Database>, tokenHash: string): Promise<InviteRecord | null> {
  const row = await selectInvites(db).where('invites.token_hash', '=', tokenHash).executeTakeFirst();
  return row === undefined ? null : inviteFromRow(row);
}

export async function listPendingInvites(db: Kysely<Database>, at: string): Promise<InviteRecord[]> {
  const rows = await selectInvites(db)
    .where('invites.used_at', 'is', null)
    .where('invites.expires_at', '>', at)
    .orderBy('invites.created_at', 'desc')
    .orderBy('invites.id', 'desc')
    .execute();
  return rows.map(inviteFromRow);
}

export async function deletePendingInvite(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await db.deleteFrom('invites').where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function deleteSetupInvites(db: Kysely<Database>): Promise<number> {
  const result = await db
    .deleteFrom('invites')
    .where('invited_by', 'is', null)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function acceptInvite(db: Kysely<Database>, input: AcceptInvite): Promise<AcceptInviteResult> {
  try {
    return await db.transaction().execute(async (trx): Promise<AcceptInviteResult> => {
      const row = await selectInvites(trx).where('invites.token_hash', '=', input.tokenHash).executeTakeFirst();
      if (row === undefined) return { status: 'not_found' };
      const invite = inviteFromRow(row);
      if (invite.usedAt !== null) return { status: 'used' };
      if (invite.expiresAt <= input.at) return { status: 'expired' };
      if (invite.email !== null && invite.email !== input.email) return { status: 'email_mismatch' };
      const taken = await trx.selectFrom('users').select('id').where('email', '=', input.email).executeTakeFirst();
      if (taken !== undefined) return { status: 'email_taken' };

      const user = await insertUser(trx, {
        name: input.name,
        email: input.email,
        role: invite.role,
        passwordHash: input.passwordHash,
        at: input.at,
      });
      // Conditional, so of two simultaneous accepts only one finds the invite unused.
      const used = await trx
        .updateTable('invites')
        .set({ used_at: input.at, used_by: user.id })
        .where('id', '=', invite.id)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) throw new InviteRace();
      return { status: 'accepted', user, invite: { ...invite, usedAt: input.at } };
    });
  } catch (error) {
    // The transaction rolled back; say what the loser of the race would have seen.
    if (error instanceof InviteRace) return { status: 'used' };
    if (isUniqueViolation(error)) return { status: 'email_taken' };
    throw error;
  }
}

/** Thrown inside a transaction to roll it back when a concurrent accept won. */
class InviteRace extends Error {}

function selectInvites(db: Db) {
  return db
    .selectFrom('invites')
    .leftJoin('users', 'users.id', 'invites.invited_by')
    .select([
      'invites.id',
      'invites.role',
      'invites.email',
      'invites.created_at',
      'invites.expires_at',
      'invites.used_at',
      'invites.invited_by',
      'users.name as inviter_name',
    ]);
}

function inviteFromRow(row: {
  id: string;
  role: string;
  email: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  invited_by: string | null;
  inviter_name: string | null;
}): InviteRecord {
  return {
    id: row.id,
    role: roleSchema.parse(row.role),
    email: row.email,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
    invitedBy: row.invited_by === null ? null : { id: row.invited_by, name: row.inviter_name ?? '(removed)' },
  };
}

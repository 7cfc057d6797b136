import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import type { SqlDialect } from '../store';
import type { CappedTokenResult, NewToken } from './store';
import { type Db, insertToken } from './writes';

/** What one person holds, for the per-person caps (see AccountStore). */

/** Tokens not revoked, plus approved pairings whose token is still to be collected. */
export async function heldTokens(db: Db, userId: string, at: string): Promise<number> {
  const tokens = await db
    .selectFrom('tokens')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('count'))
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirstOrThrow();
  const pairings = await db
    .selectFrom('pairings')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('count'))
    .where('user_id', '=', userId)
    .where('status', '=', 'approved')
    .where('expires_at', '>', at)
    .executeTakeFirstOrThrow();
  return Number(tokens.count) + Number(pairings.count);
}

export async function createTokenWithin(
  db: Kysely<Database>,
  dialect: SqlDialect,
  input: NewToken,
  maxHeld: number,
): Promise<CappedTokenResult> {
  return db.transaction().execute(async (trx): Promise<CappedTokenResult> => {
    // Serialises one person's token creations (SQLite runs one transaction at a time anyway).
    if (dialect === 'postgres') await trx.selectFrom('users').select('id').where('id', '=', input.userId).forUpdate().execute();
    const held = await heldTokens(trx, input.userId, input.at);
    if (held >= maxHeld) return { ok: false, held };
    return { ok: true, token: await insertToken(trx, input) };
  });
}

/** Bytes of screenshots on this person's captures (each capture counted, shared bytes or not). */
export async function screenshotBytesOf(db: Kysely<Database>, userId: string): Promise<number> {
  const row = await db
    .selectFrom('captures')
    .select((eb) => eb.fn.sum<number | string | bigint | null>('screenshot_bytes').as('bytes'))
    .where('reporter_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.bytes ?? 0);
}

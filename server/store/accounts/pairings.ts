import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import type { SqlDialect } from '../store';
import { heldTokens } from './limits';
import { userColumns, userFromRow } from './rows';
import type { CollectPairing, CollectPairingResult, NewPairing, PairingDecisionInput, PairingDecisionResult } from './store';
import { insertToken } from './writes';

/** Pairing the extension: the accounts store's queries on it (see AccountStore for what each promises). */

/** Dead pairings are kept a day (for a late poll to hear "expired"), then dropped. */
const PAIRING_KEEP_MS = 24 * 60 * 60 * 1000;

export async function createPairing(db: Kysely<Database>, input: NewPairing): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const keepAfter = new Date(Date.parse(input.at) - PAIRING_KEEP_MS).toISOString();
    await trx.deleteFrom('pairings').where('expires_at', '<', keepAfter).execute();
    const clash = await trx
      .selectFrom('pairings')
      .select('id')
      .where('user_code', '=', input.userCode)
      .where('status', '=', 'pending')
      .where('expires_at', '>', input.at)
      .executeTakeFirst();
    if (clash !== undefined) return false;
    await trx
      .insertInto('pairings')
      .values({
        id: input.id,
        user_code: input.userCode,
        device_name: input.deviceName,
        poll_secret_hash: input.pollSecretHash,
        status: 'pending',
        user_id: null,
        created_at: input.at,
        expires_at: input.expiresAt,
        decided_at: null,
        consumed_at: null,
        token_id: null,
      })
      .execute();
    return true;
  });
}

export async function decidePairing(db: Kysely<Database>, dialect: SqlDialect, input: PairingDecisionInput): Promise<PairingDecisionResult> {
  return db.transaction().execute(async (trx): Promise<PairingDecisionResult> => {
    if (input.decision === 'approved' && input.maxHeld !== undefined) {
      // Same lock as createTokenWithin: one person's approvals and token creations take turns.
      if (dialect === 'postgres') await trx.selectFrom('users').select('id').where('id', '=', input.userId).forUpdate().execute();
      const held = await heldTokens(trx, input.userId, input.at);
      if (held >= input.maxHeld) return { status: 'limit_reached', held };
    }
    const row = await trx
      .selectFrom('pairings')
      .select(['id', 'device_name'])
      .where('user_code', '=', input.userCode)
      .where('status', '=', 'pending')
      .where('expires_at', '>', input.at)
      .executeTakeFirst();
    if (row === undefined) return { status: 'not_found' };
    const decided = await trx
      .updateTable('pairings')
      .set({ status: input.decision, user_id: input.userId, decided_at: input.at })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(decided.numUpdatedRows) !== 1) return { status: 'not_found' };
    return { status: 'decided', pairingId: row.id, deviceName: row.device_name };
  });
}

export async function collectPairing(db: Kysely<Database>, input: CollectPairing): Promise<CollectPairingResult> {
  return db.transaction().execute(async (trx): Promise<CollectPairingResult> => {
    // Looked up by id and secret together: without the secret the pairing does not exist.
    const pairing = await trx
      .selectFrom('pairings')
      .selectAll()
      .where('id', '=', input.pairingId)
      .where('poll_secret_hash', '=', input.pollSecretHash)
      .executeTakeFirst();
    if (pairing === undefined) return { status: 'not_found' };
    if (pairing.status === 'denied') return { status: 'denied' };
    if (pairing.status === 'consumed') return { status: 'consumed' };
    if (pairing.expires_at <= input.at) return { status: 'expired' };
    if (pairing.status !== 'approved' || pairing.user_id === null) return { status: 'pending' };

    const userRow = await trx.selectFrom('users').select(userColumns).where('id', '=', pairing.user_id).executeTakeFirst();
    const user = userRow === undefined ? null : userFromRow(userRow);
    if (user === null || !user.active) {
      // Deactivated between approving and this poll: no token for them.
      await trx.updateTable('pairings').set({ status: 'denied' }).where('id', '=', pairing.id).execute();
      return { status: 'denied' };
    }
    const token = await insertToken(trx, {
      userId: user.id,
      name: pairing.device_name,
      scope: 'capture',
      tokenHash: input.tokenHash,
      at: input.at,
    });
    // approved → consumed exactly once: a second poll racing this one updates nothing.
    const consumed = await trx
      .updateTable('pairings')
      .set({ status: 'consumed', consumed_at: input.at, token_id: token.id })
      .where('id', '=', pairing.id)
      .where('status', '=', 'approved')
      .executeTakeFirst();
    if (Number(consumed.numUpdatedRows) !== 1) throw new PairingRace();
    return { status: 'approved', user, token };
  }).catch((error: unknown) => {
    if (error instanceof PairingRace) return { status: 'consumed' } satisfies CollectPairingResult;
    throw error;
  });
}

/** Thrown inside a transaction to roll it back when a concurrent poll won. */
class PairingRace extends Error {}

import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema';
import type { ThrottleResult, ThrottleTake } from './store';

/**
 * Token buckets kept in the database, so a budget is spent in one statement before any slow work
 * (a password hash) starts: concurrent requests cannot all read "5 left" and all go ahead.
 */

const dbl = (value: number) => sql<number>`cast(${value} as double precision)`;

export async function takeThrottle(db: Kysely<Database>, input: ThrottleTake): Promise<ThrottleResult> {
  const at = Date.parse(input.at);
  const capacity = dbl(input.capacity);
  const perMs = dbl(input.capacity / input.windowMs);
  // A clock that steps backwards (tests, NTP) must not mint or lose tokens.
  const elapsed = sql`case when excluded.updated_ms > throttles.updated_ms then excluded.updated_ms - throttles.updated_ms else 0 end`;
  const grown = sql`throttles.tokens + ${elapsed} * ${perMs}`;
  const refilled = sql`case when ${grown} > ${capacity} then ${capacity} else ${grown} end`;
  // One statement: the row lock (PostgreSQL) or the write lock (SQLite) orders concurrent takes.
  const taken = await sql<{ tokens: number }>`
    insert into throttles (key, tokens, updated_ms) values (${input.key}, ${capacity} - 1, ${dbl(at)})
    on conflict (key) do update set
      tokens = ${refilled} - 1,
      updated_ms = case when excluded.updated_ms > throttles.updated_ms then excluded.updated_ms else throttles.updated_ms end
    where ${refilled} >= 1
    returning tokens`.execute(db);
  if (taken.rows.length > 0) return { ok: true };
  const row = await db.selectFrom('throttles').select(['tokens', 'updated_ms']).where('key', '=', input.key).executeTakeFirst();
  const tokens = row === undefined ? 0 : Number(row.tokens) + (Math.max(0, at - Number(row.updated_ms)) * input.capacity) / input.windowMs;
  const msUntilToken = ((1 - Math.min(tokens, 1)) * input.windowMs) / input.capacity;
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(msUntilToken / 1000)) };
}

/** Gives one token back (never past capacity): the attempt it paid for turned out not to count. */
export async function refundThrottle(db: Kysely<Database>, key: string, capacity: number): Promise<void> {
  const cap = dbl(capacity);
  await db
    .updateTable('throttles')
    .set({ tokens: sql<number>`case when tokens + 1 > ${cap} then ${cap} else tokens + 1 end` })
    .where('key', '=', key)
    .execute();
}

export async function resetThrottle(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('throttles').where('key', '=', key).execute();
}

/** Drops buckets untouched since `before`; past a full window they hold no information. */
export async function deleteIdleThrottles(db: Kysely<Database>, before: string): Promise<number> {
  const result = await db.deleteFrom('throttles').where('updated_ms', '<', Date.parse(before)).executeTakeFirst();
  return Number(result.numDeletedRows);
}

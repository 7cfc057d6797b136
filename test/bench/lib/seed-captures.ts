/**
 * Writes seed-data.ts's captures into a migrated database fast: one transaction, multi-row
 * inserts of rows made by the store's own row builder (so route keys, element keys, search ids
 * and the full-text index are exactly what real inserts make), plus tags, customers, triage
 * history and some ops comments. 100,000 captures take seconds on SQLite.
 */
import { type Insertable, type Kysely, sql, type Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { KyselyStore } from '../../../server/store/kysely-store';
import { customerKey } from '../../../server/store/captures/customer-key';
import { rowFromNewCapture } from '../../../server/store/captures/rows';
import type { CapturesTable } from '../../../server/store/captures/schema';
import type { Database } from '../../../server/store/schema';
import type { SqlDialect, User } from '../../../server/store/store';
import { hashToken } from '../../../server/auth/tokens';
import { REPORTER_NAMES, type SeedCapture, seedCaptures } from './seed-data';
import { createUserWithToken } from '../../server/helpers';

export interface SeededWorkspace {
  /** An admin's full-scope token. */
  adminToken: string;
  /** The reporters' user ids, in REPORTER_NAMES order. */
  reporterIds: string[];
  captures: number;
  /** How long the inserts took, in ms. */
  insertMs: number;
}

/** Rows per INSERT: ~40 columns each stays far below either engine's parameter limit. */
const ROWS_PER_INSERT = 400;
const HOUR_MS = 3_600_000;

async function insertInChunks<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) await insert(rows.slice(start, start + ROWS_PER_INSERT));
}

/** The capture a duplicate ends up merged into: merging never chains, so follow to the survivor. */
function survivorOf(seeds: readonly SeedCapture[], index: number): number {
  let current = index;
  for (let next = seeds[current]?.mergedInto ?? null; next !== null; next = seeds[current]?.mergedInto ?? null) current = next;
  return current;
}

export async function seedWorkspace(
  db: Kysely<Database>,
  dialect: SqlDialect,
  options: { count: number; now?: Date; seed?: number },
): Promise<SeededWorkspace> {
  const now = options.now ?? new Date();
  const store = new KyselyStore(db, dialect);
  const adminToken = `snag_bench_${uuidv7()}`;
  await createUserWithToken(store, { name: 'Bench Admin', role: 'admin', tokenHash: hashToken(adminToken), tokenName: 'bench' });
  const reporters: User[] = [];
  for (const name of REPORTER_NAMES) {
    reporters.push(await createUserWithToken(store, { name, role: 'ops', tokenHash: hashToken(`bench-${uuidv7()}`), tokenName: 'bench' }));
  }

  const seeds = seedCaptures({ count: options.count, now, seed: options.seed });
  // A big page cache for this connection: fifteen indexes over 100,000 rows otherwise thrash it.
  if (dialect === 'sqlite') await sql`pragma cache_size = -262144`.execute(db);
  const started = performance.now();
  await db.transaction().execute(async (trx) => {
    const rows: Insertable<CapturesTable>[] = seeds.map((seed, index) => {
      const reporter = reporters[seed.reporter] ?? reporters[0];
      if (reporter === undefined) throw new Error('no reporters');
      const row = rowFromNewCapture({
        input: seed.input,
        inputHash: `seed-${index}`,
        reporter: { id: reporter.id, name: reporter.name },
        receivedAt: seed.input.createdAt,
      });
      const survivor = seed.mergedInto === null ? null : seeds[survivorOf(seeds, index)]?.input.id ?? null;
      const assignee = seed.assignee === null ? null : (reporters[seed.assignee]?.id ?? null);
      return {
        ...row,
        status: survivor === null && seed.status === 'duplicate' ? 'new' : seed.status,
        priority: seed.priority,
        assignee_id: assignee,
        merged_into: survivor,
        triage_updated_at: seed.status === 'new' ? null : triagedAt(seed, now),
        // What the insert path takes from max()+1; ours are simply 1…n.
        search_id: dialect === 'sqlite' ? index + 1 : null,
      };
    });
    await insertInChunks(rows, (chunk) => trx.insertInto('captures').values(chunk).execute());

    const tags = seeds.flatMap((seed) => seed.input.tags.map((tag) => ({ capture_id: seed.input.id, tag, created_at: new Date(seed.input.createdAt).toISOString() })));
    await insertInChunks(tags, (chunk) => trx.insertInto('capture_tags').values(chunk).execute());

    await insertCustomers(trx, seeds);
    await insertHistory(trx, seeds, reporters.map((reporter) => reporter.id), now);
  });
  return { adminToken, reporterIds: reporters.map((reporter) => reporter.id), captures: seeds.length, insertMs: performance.now() - started };
}

/** Triage happened a few hours after the capture, never in the future. */
function triagedAt(seed: SeedCapture, now: Date): string {
  const at = Math.min(Date.parse(seed.input.createdAt) + 6 * HOUR_MS, now.getTime() - 1000);
  return new Date(at).toISOString();
}

async function insertCustomers(trx: Transaction<Database>, seeds: readonly SeedCapture[]): Promise<void> {
  const customers = new Map<string, { name_key: string; name: string; last_used_at: string; captures: number }>();
  for (const seed of seeds) {
    const name = seed.input.customer;
    if (name === undefined) continue;
    const key = customerKey(name);
    const known = customers.get(key);
    customers.set(key, { name_key: key, name, last_used_at: seed.input.createdAt, captures: (known?.captures ?? 0) + 1 });
  }
  await insertInChunks([...customers.values()], (chunk) => trx.insertInto('customers').values(chunk).execute());
}

/** A status event for every triaged capture (what the digest's "resolved" reads) and a comment on every twentieth. */
async function insertHistory(trx: Transaction<Database>, seeds: readonly SeedCapture[], people: readonly string[], now: Date): Promise<void> {
  const events = seeds.flatMap((seed, index) =>
    seed.status === 'new' || seed.status === 'duplicate'
      ? []
      : [{ id: uuidv7(), capture_id: seed.input.id, at: triagedAt(seed, now), actor_id: people[index % people.length] ?? null, type: 'status', from_value: 'new', to_value: seed.status }],
  );
  await insertInChunks(events, (chunk) => trx.insertInto('capture_events').values(chunk).execute());
  const comments = seeds.flatMap((seed, index) =>
    index % 20 === 0
      ? [{ id: uuidv7(), capture_id: seed.input.id, author_id: people[index % people.length] ?? '', body: 'Reproduced; linked to the billing epic.', created_at: triagedAt(seed, now) }]
      : [],
  );
  await insertInChunks(comments, (chunk) => trx.insertInto('capture_comments').values(chunk).execute());
}

import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../server/store/postgres';

// A shared database where other schemas come and go (other apps, other Snag test runs): opening
// Snag's store must look only at its own schema, or a schema dropped mid-migration fails start-up.
const connectionString = process.env.SNAG_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const admin = new pg.Pool({ connectionString, max: 4 });
const prefix = `snag_churn_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
const ours: string[] = [];

afterAll(async () => {
  for (const schema of ours) await admin.query(`drop schema if exists ${schema} cascade`);
  await admin.end();
});

/** Creates and drops schemas holding a table each, over and over, until told to stop. */
async function churnSchemas(running: { value: boolean }): Promise<number> {
  let dropped = 0;
  for (let round = 0; running.value; round += 1) {
    const names = Array.from({ length: 8 }, (_, index) => `${prefix}_${round}_${index}`);
    for (const name of names) await admin.query(`create schema ${name}; create table ${name}.t (id serial primary key, note text)`);
    await Promise.all(names.map((name) => admin.query(`drop schema ${name} cascade`)));
    dropped += names.length;
  }
  return dropped;
}

describe('PostgreSQL store on a shared database', { timeout: 120_000 }, () => {
  it('opens and migrates while other schemas are created and dropped', async () => {
    const running = { value: true };
    const churn = churnSchemas(running);
    const failures: string[] = [];
    try {
      for (let attempt = 0; attempt < 8; attempt += 1) {
        const schema = `${prefix}_snag_${attempt}`;
        ours.push(schema);
        try {
          const store = await openPostgresStore({ connectionString, schema, maxConnections: 2 });
          await store.close();
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error));
        }
      }
    } finally {
      running.value = false;
    }
    expect(await churn).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  });
});

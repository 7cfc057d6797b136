import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { OneSchemaPostgresDialect } from '../../server/store/postgres-introspector';
import { migrateToLatest, snagMigrations } from '../../server/store/migrations';
import type { Database } from '../../server/store/schema';
import { openSqliteKysely } from '../../server/store/sqlite';

// Audit entries written before 0071 held an erased customer's name and exports' filter values.
const before = Object.fromEntries(Object.entries(snagMigrations).filter(([name]) => name < '0071'));

const root = mkdtempSync(join(tmpdir(), 'snag-audit-migration-'));
const connectionString = process.env.SNAG_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const admin = new pg.Pool({ connectionString, max: 1 });
const schemas: string[] = [];

afterAll(async () => {
  rmSync(root, { recursive: true, force: true });
  for (const schema of schemas) await admin.query(`drop schema if exists ${schema} cascade`);
  await admin.end();
});

async function openPostgres(): Promise<{ db: Kysely<Database>; schema?: string }> {
  const schema = `snag_test_${crypto.randomUUID().replaceAll('-', '')}`;
  schemas.push(schema);
  await admin.query(`create schema ${schema}`);
  const pool = new pg.Pool({ connectionString, max: 2, options: `-c search_path=${schema}` });
  return { db: new Kysely<Database>({ dialect: new OneSchemaPostgresDialect({ pool }, schema) }), schema };
}

const engines: Array<[string, () => Promise<{ db: Kysely<Database>; schema?: string }>]> = [
  ['sqlite', async () => ({ db: openSqliteKysely(join(root, `${crypto.randomUUID()}.db`)) })],
  ['postgres', openPostgres],
];

describe.each(engines)('0071_audit_without_content on %s', (_engine, openDb) => {
  it('removes erased customers’ names and filter values from existing entries, keeping ids and counts', { timeout: 60_000 }, async () => {
    const { db, schema } = await openDb();
    try {
      await migrateToLatest(db, before, schema);
      const entry = (id: string, action: string, target: string | null, details: Record<string, unknown>) => ({
        id,
        at: '2026-10-01T00:00:00.000Z',
        action,
        actor_id: 'u1',
        actor_name: 'Ada',
        target,
        ip: '10.0.0.1',
        details: JSON.stringify(details),
      });
      await db
        .insertInto('audit_log')
        .values([
          entry('a1', 'data.deleted_by_customer', 'Globex Ltd', { count: 3 }),
          entry('a2', 'export.created', null, { format: 'csv', rows: 4, filter: 'customer=Globex&q=jane%40example.com&status=new' }),
          entry('a3', 'digest.created', null, { format: 'html', rows: 2, filter: '' }),
          entry('a4', 'capture.deleted', 'capture-id-1', { count: 1 }),
        ])
        .execute();

      await migrateToLatest(db, snagMigrations, schema);
      const rows = await db.selectFrom('audit_log').select(['id', 'target', 'details']).orderBy('id').execute();
      expect(rows.map((row) => ({ ...row, details: JSON.parse(row.details) }))).toEqual([
        { id: 'a1', target: null, details: { count: 3 } },
        { id: 'a2', target: null, details: { format: 'csv', rows: 4, filter: 'customer,q,status' } },
        { id: 'a3', target: null, details: { format: 'html', rows: 2, filter: '' } },
        { id: 'a4', target: 'capture-id-1', details: { count: 1 } },
      ]);
    } finally {
      await db.destroy();
    }
  });
});

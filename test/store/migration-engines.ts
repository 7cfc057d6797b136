import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, type Migration } from 'kysely';
import pg from 'pg';
import { afterAll } from 'vitest';
import { snagMigrations } from '../../server/store/migrations';
import { OneSchemaPostgresDialect } from '../../server/store/postgres-introspector';
import type { Database } from '../../server/store/schema';
import { openSqliteKysely } from '../../server/store/sqlite';
import type { SqlDialect } from '../../server/store/store';
import { TEST_POSTGRES_URL } from '../server/helpers';

export interface EmptyDatabase {
  db: Kysely<Database>;
  /** PostgreSQL: the schema to migrate (SQLite has none). */
  schema?: string;
}

/** Snag's migrations named before `first`: the database as an older Snag left it. */
export function migrationsBefore(first: string): Record<string, Migration> {
  return Object.fromEntries(Object.entries(snagMigrations).filter(([name]) => name < first));
}

/**
 * An empty database on each engine, for a migration test to fill as an older Snag would; every
 * one is removed after the calling file's tests.
 */
export function migrationEngines(label: string): Array<[SqlDialect, () => Promise<EmptyDatabase>]> {
  const root = mkdtempSync(join(tmpdir(), `snag-${label}-`));
  const admin = new pg.Pool({ connectionString: TEST_POSTGRES_URL, max: 1 });
  const schemas: string[] = [];
  afterAll(async () => {
    rmSync(root, { recursive: true, force: true });
    for (const schema of schemas) await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  });
  async function openPostgres(): Promise<EmptyDatabase> {
    const schema = `snag_test_${crypto.randomUUID().replaceAll('-', '')}`;
    schemas.push(schema);
    await admin.query(`create schema ${schema}`);
    const pool = new pg.Pool({ connectionString: TEST_POSTGRES_URL, max: 2, options: `-c search_path=${schema}` });
    return { db: new Kysely<Database>({ dialect: new OneSchemaPostgresDialect({ pool }, schema) }), schema };
  }
  return [
    ['sqlite', async () => ({ db: openSqliteKysely(join(root, `${crypto.randomUUID()}.db`)) })],
    ['postgres', openPostgres],
  ];
}

import pg from 'pg';
import { Kysely } from 'kysely';
import { KyselyStore } from './kysely-store';
import { migrateToLatest, snagMigrations } from './migrations';
import { OneSchemaPostgresDialect } from './postgres-introspector';
import type { Database } from './schema';
import type { Store } from './store';

export interface PostgresOptions {
  /** e.g. postgres://snag@db.internal:5432/snag */
  connectionString: string;
  /** The schema Snag's tables live in, created if missing (default `snag`), so a shared database stays tidy. */
  schema?: string;
  maxConnections?: number;
}

/**
 * The same store as SQLite's, on PostgreSQL, for teams that outgrow one machine. Durability is
 * PostgreSQL's own: a COMMIT has reached its write-ahead log before we answer 2xx.
 */
export async function openPostgresStore(options: PostgresOptions): Promise<Store> {
  const schema = checkedSchemaName(options.schema ?? 'snag');
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    options: `-c search_path=${schema}`,
  });
  const db = new Kysely<Database>({ dialect: new OneSchemaPostgresDialect({ pool }, schema) });
  try {
    await db.schema.createSchema(schema).ifNotExists().execute();
    // Named explicitly: the migrator otherwise finds its tables in any schema of the database.
    await migrateToLatest(db, snagMigrations, schema);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new KyselyStore(db, 'postgres');
}

function checkedSchemaName(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`schema name "${name}" must be lower-case letters, digits and _`);
  return name;
}

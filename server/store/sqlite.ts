import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteAdapter, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import { KyselyStore } from './kysely-store';
import { migrateToLatest } from './migrations';
import type { Database } from './schema';
import type { Store } from './store';

/** SQLite does roll back DDL, so let the Migrator wrap each run in one transaction. */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class SnagSqliteDialect extends SqliteDialect {
  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

const STATEMENT_CACHE_SIZE = 200;

/** Kysely prepares every query afresh; reusing prepared statements saves that work per request. */
function withStatementCache(database: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => database.close(),
    prepare(sql: string): SqliteStatement {
      let statement = cache.get(sql);
      if (statement === undefined) {
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.clear();
        statement = database.prepare(sql);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

/**
 * Opens (creating if needed) the database file with the settings durability depends on.
 * WAL + synchronous=NORMAL: a commit has written its WAL frames to the OS before it returns, so
 * a capture we answered 2xx for survives a crash or kill -9 of the server the next instant. The
 * WAL is only fsynced at checkpoints, so a power loss or OS crash can lose the last commits.
 */
export function openSqliteKysely(file: string): Kysely<Database> {
  const database = new BetterSqlite3(file);
  try {
    const mode: unknown = database.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal' && file !== ':memory:') {
      throw new Error(`could not switch ${file} to WAL mode (got ${String(mode)})`);
    }
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
  } catch (error) {
    database.close();
    throw error;
  }
  return new Kysely<Database>({ dialect: new SnagSqliteDialect({ database: withStatementCache(database) }) });
}

export async function openSqliteStore(file: string): Promise<Store> {
  const db = openSqliteKysely(file);
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new KyselyStore(db, 'sqlite');
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, snagMigrations } from '../../server/store/migrations';
import { openSqliteKysely, openSqliteStore } from '../../server/store/sqlite';
import type { Database } from '../../server/store/schema';
import { describeAccountConformance } from './accounts-conformance';
import { describeAuditConformance } from './audit-conformance';
import { createUserWithToken } from '../server/helpers';
import { describeStoreConformance } from './conformance';
import { describeDataControlConformance } from './data-control-conformance';
import { describeInsightConformance } from './insights-conformance';
import { describeReviewConformance } from './review-conformance';

const root = mkdtempSync(join(tmpdir(), 'snag-store-'));
let counter = 0;
const freshFile = () => join(root, `store-${++counter}.db`);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describeStoreConformance('sqlite', () => openSqliteStore(freshFile()));
describeAuditConformance('sqlite', () => openSqliteStore(freshFile()));
describeAccountConformance('sqlite', () => openSqliteStore(freshFile()));
describeReviewConformance('sqlite', () => openSqliteStore(freshFile()));
describeInsightConformance('sqlite', () => openSqliteStore(freshFile()));
describeDataControlConformance('sqlite', () => openSqliteStore(freshFile()));

describe('SQLite specifics', () => {
  const open: Kysely<Database>[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) await db.destroy();
  });

  it('runs with WAL, synchronous=NORMAL, foreign keys and a busy timeout', async () => {
    const db = openSqliteKysely(freshFile());
    open.push(db);
    const pragma = async (name: string) => (await sql.raw(`pragma ${name}`).execute(db)).rows[0];
    expect(await pragma('journal_mode')).toEqual({ journal_mode: 'wal' });
    expect(await pragma('synchronous')).toEqual({ synchronous: 1 });
    expect(await pragma('foreign_keys')).toEqual({ foreign_keys: 1 });
    expect(await pragma('busy_timeout')).toEqual({ timeout: 5000 });
  });

  it('keeps data across reopening and does not re-run migrations', async () => {
    const file = freshFile();
    const first = await openSqliteStore(file);
    await createUserWithToken(first, { name: 'A', role: 'admin', tokenHash: 'h', tokenName: 't' });
    await first.close();
    const second = await openSqliteStore(file);
    expect(await second.accounts.countUsers()).toBe(1);
    await second.close();
  });

  it('throws on a failing migration, rolls its changes back and does not record it', async () => {
    const file = freshFile();
    const db = openSqliteKysely(file);
    open.push(db);
    await migrateToLatest(db);
    const broken = {
      ...snagMigrations,
      '9999_broken': {
        async up(trx: Kysely<unknown>) {
          await trx.schema.createTable('half_done').addColumn('id', 'text').execute();
          await sql`select * from table_that_does_not_exist`.execute(trx);
        },
      },
    };
    await expect(migrateToLatest(db, broken)).rejects.toThrow(/9999_broken/);

    const raw = new BetterSqlite3(file, { readonly: true });
    try {
      const names = raw.prepare('select name from kysely_migration order by name').pluck().all();
      expect(names).toEqual(Object.keys(snagMigrations).sort());
      expect(raw.prepare("select count(*) from sqlite_master where name = 'half_done'").pluck().get()).toBe(0);
    } finally {
      raw.close();
    }
  });
});

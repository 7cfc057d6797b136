import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { feedQuery } from '#shared/review';
import { OneSchemaPostgresDialect } from '../../server/store/postgres-introspector';
import { KyselyStore } from '../../server/store/kysely-store';
import { migrateToLatest, snagMigrations } from '../../server/store/migrations';
import type { Database } from '../../server/store/schema';
import { openSqliteKysely } from '../../server/store/sqlite';
import type { SqlDialect } from '../../server/store/store';

// Captures stored before 0040/0041: friction was a kind, and created_at held the client's clock.
const before = Object.fromEntries(Object.entries(snagMigrations).filter(([name]) => name < '0040'));

const root = mkdtempSync(join(tmpdir(), 'snag-numbers-migration-'));
const connectionString = process.env.SNAG_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const admin = new pg.Pool({ connectionString, max: 1 });
const schemas: string[] = [];

afterAll(async () => {
  rmSync(root, { recursive: true, force: true });
  for (const schema of schemas) await admin.query(`drop schema if exists ${schema} cascade`);
  await admin.end();
});

async function openPostgres(): Promise<{ db: Kysely<Database>; schema: string }> {
  const schema = `snag_test_${crypto.randomUUID().replaceAll('-', '')}`;
  schemas.push(schema);
  await admin.query(`create schema ${schema}`);
  const pool = new pg.Pool({ connectionString, max: 2, options: `-c search_path=${schema}` });
  return { db: new Kysely<Database>({ dialect: new OneSchemaPostgresDialect({ pool }, schema) }), schema };
}

const engines: Array<[SqlDialect, () => Promise<{ db: Kysely<Database>; schema?: string }>]> = [
  ['sqlite', async () => ({ db: openSqliteKysely(join(root, `${crypto.randomUUID()}.db`)) })],
  ['postgres', openPostgres],
];

describe.each(engines)('0040_friction_category and 0041_server_time on %s', (dialect, openDb) => {
  it("files text-only friction under the category, and re-dates old captures by the server's receive time", { timeout: 60_000 }, async () => {
    const { db, schema } = await openDb();
    try {
      await migrateToLatest(db, before, schema);
      await db.insertInto('users').values({ id: 'u1', name: 'Ada', role: 'admin', created_at: '2026-01-01T00:00:00.000Z' }).execute();
      const environment = JSON.stringify({
        browser: { name: 'Chrome', version: '1' },
        os: 'Linux',
        viewport: { width: 1, height: 1 },
        devicePixelRatio: 1,
        language: 'en',
      });
      const row = (id: string, kind: string, createdAt: string, receivedAt: string, category: string | null) => ({
        id,
        // SQLite's full-text index is keyed by it (kysely-store assigns it on insert).
        search_id: Number(id.slice(-1)),
        kind,
        page_url: 'https://app.example.com/welcome',
        page_title: 'Welcome',
        comment: 'Stuck',
        tags: '["slow"]',
        annotations: '[]',
        environment,
        created_at: createdAt,
        received_at: receivedAt,
        reporter_id: 'u1',
        input_hash: 'h',
        category,
      });
      const textOnly = '0190f1d2-3c4b-7a00-8a00-000000000001';
      const claims9999 = '0190f1d2-3c4b-7a00-8a00-000000000002';
      const bug = '0190f1d2-3c4b-7a00-8a00-000000000003';
      for (const values of [
        row(textOnly, 'friction', '2026-01-02T00:00:00.000Z', '2026-01-02T00:00:01.000Z', null),
        row(claims9999, 'screenshot', '9999-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'friction'),
        row(bug, 'friction', '2001-01-01T00:00:00.000Z', '2026-01-03T00:00:00.000Z', 'bug'),
      ]) {
        const columns = Object.keys(values);
        await sql`insert into captures (${sql.join(columns.map((column) => sql.ref(column)))}) values (${sql.join(Object.values(values))})`.execute(db);
        await sql`insert into capture_tags (capture_id, tag, created_at) values (${values.id}, 'slow', ${values.created_at})`.execute(db);
      }

      await migrateToLatest(db, snagMigrations, schema);
      const migrated = await db.selectFrom('captures').select(['id', 'category', 'created_at', 'client_created_at']).orderBy('id').execute();
      expect(migrated).toEqual([
        { id: textOnly, category: 'friction', created_at: '2026-01-02T00:00:01.000Z', client_created_at: '2026-01-02T00:00:00.000Z' },
        { id: claims9999, category: 'friction', created_at: '2026-01-01T00:00:00.000Z', client_created_at: '9999-01-01T00:00:00.000Z' },
        { id: bug, category: 'bug', created_at: '2026-01-03T00:00:00.000Z', client_created_at: '2001-01-01T00:00:00.000Z' },
      ]);

      const store = new KyselyStore(db, dialect);
      const everyone = { userId: 'u1', seesAll: true };
      const ids = async (query: Record<string, string>) => {
        const result = await store.review.listFeed(feedQuery.parse(query), everyone);
        if (!result.ok) throw new Error(result.message);
        return result.page.items.map((item) => [item.id, item.createdAt]);
      };
      expect(await ids({})).toEqual([
        [bug, '2001-01-01T00:00:00.000Z'],
        [textOnly, '2026-01-02T00:00:00.000Z'],
        [claims9999, '9999-01-01T00:00:00.000Z'],
      ]);
      expect((await ids({ tag: 'slow' })).map(([id]) => id)).toEqual([bug, textOnly, claims9999]);
      expect((await ids({ category: 'friction' })).map(([id]) => id)).toEqual([textOnly, claims9999]);
    } finally {
      await db.destroy();
    }
  });
});

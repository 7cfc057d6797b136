import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { feedQuery } from '#shared/review';
import { KyselyStore } from '../../server/store/kysely-store';
import { migrateToLatest, snagMigrations } from '../../server/store/migrations';
import { migrationEngines, migrationsBefore } from './migration-engines';

// Captures stored before 0040/0041: friction was a kind, and created_at held the client's clock.
const before = migrationsBefore('0040');
const engines = migrationEngines('numbers-migration');

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

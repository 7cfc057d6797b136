import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { feedQuery } from '#shared/review';
import { KyselyStore } from '../../server/store/kysely-store';
import { migrateToLatest, snagMigrations } from '../../server/store/migrations';
import type { Database } from '../../server/store/schema';
import { migrationEngines, migrationsBefore } from './migration-engines';

// Captures stored before 0010_review get their keys, search entry and triage defaults from it.
const before = migrationsBefore('0010');
const engines = migrationEngines('review-migration');

describe.each(engines)('0010_review on %s', (dialect, openDb) => {
  it('backfills route, element, site, path, customer and severity keys, and indexes old captures for search', { timeout: 60_000 }, async () => {
    const { db, schema } = await openDb();
    try {
      await migrateToLatest(db, before, schema);
      await db.insertInto('users').values({ id: 'u1', name: 'Ada', role: 'admin', created_at: '2026-01-01T00:00:00.000Z' }).execute();
      const row = (id: string, url: string, extra: Partial<Database['captures']> = {}) => ({
        id,
        kind: 'screenshot',
        page_url: url,
        page_title: 'Billing',
        comment: 'Invoices never load',
        quote: null,
        tags: '[]',
        annotations: '[]',
        environment: JSON.stringify({
          browser: { name: 'Chrome', version: '1' },
          os: 'Linux',
          viewport: { width: 1, height: 1 },
          devicePixelRatio: 1,
          language: 'en',
        }),
        created_at: '2026-01-02T00:00:00.000Z',
        received_at: '2026-01-02T00:00:00.000Z',
        reporter_id: 'u1',
        input_hash: 'h',
        ...extra,
      });
      const element = JSON.stringify({
        selector: '[data-testid="pay"]',
        xpath: '/html/body/button',
        tagName: 'button',
        text: 'Pay',
        viewportBox: { x: 0, y: 0, width: 1, height: 1 },
        documentBox: { x: 0, y: 0, width: 1, height: 1 },
      });
      const first = '0190f1d2-3c4b-7a00-8a00-000000000001';
      const second = '0190f1d2-3c4b-7a00-8a00-000000000002';
      // Inserted through sql the old schema understands (the new columns do not exist yet).
      for (const values of [
        row(first, 'https://App.Example.com/accounts/8812/billing?x=1', { customer: 'Globex', severity: 'critical', element }),
        row(second, 'https://app.example.com/', { comment: 'Dashboard is fine', created_at: '2026-01-03T00:00:00.000Z' }),
      ]) {
        const columns = Object.keys(values);
        await sql`insert into captures (${sql.join(columns.map((column) => sql.ref(column)))}) values (${sql.join(Object.values(values))})`.execute(db);
      }

      await migrateToLatest(db, snagMigrations, schema);
      const migrated = await db
        .selectFrom('captures')
        .select(['id', 'status', 'route_key', 'element_key', 'site', 'path_segments', 'customer_key', 'severity_rank'])
        .orderBy('id')
        .execute();
      expect(migrated).toEqual([
        {
          id: first,
          status: 'new',
          route_key: 'app.example.com/accounts/:id/billing',
          element_key: '[data-testid="pay"]',
          site: 'app.example.com',
          path_segments: '["accounts","8812","billing"]',
          customer_key: 'globex',
          severity_rank: 4,
        },
        { id: second, status: 'new', route_key: 'app.example.com/', element_key: null, site: 'app.example.com', path_segments: '[]', customer_key: null, severity_rank: 0 },
      ]);

      const store = new KyselyStore(db, dialect);
      const everyone = { userId: 'u1', seesAll: true };
      const search = await store.review.listFeed(feedQuery.parse({ q: 'invoic' }), everyone);
      expect(search.ok && search.page.items.map((item) => item.id)).toEqual([first]);
      const severe = await store.review.listFeed(feedQuery.parse({ sort: 'severity' }), everyone);
      expect(severe.ok && severe.page.items.map((item) => item.id)).toEqual([first, second]);

      // New captures after the backfill keep getting search entries of their own.
      const third = '0190f1d2-3c4b-7a00-8a00-000000000003';
      await store.createCapture({
        input: feedlessInput(third),
        inputHash: 'h3',
        reporter: { id: 'u1', name: 'Ada' },
        receivedAt: '2026-01-04T00:00:00.000Z',
      });
      const after = await store.review.listFeed(feedQuery.parse({ q: 'invoices' }), everyone);
      expect(after.ok && after.page.items.map((item) => item.id)).toEqual([third, first]);
    } finally {
      await db.destroy();
    }
  });
});

function feedlessInput(id: string) {
  return {
    id,
    kind: 'clip' as const,
    page: { url: 'https://app.example.com/invoices', title: 'Invoices' },
    comment: 'More invoices trouble',
    tags: [],
    createdAt: '2026-01-04T00:00:00.000Z',
    quote: 'x',
    annotations: [],
    environment: { browser: { name: 'Chrome', version: '1' }, os: 'Linux', viewport: { width: 1, height: 1 }, devicePixelRatio: 1, language: 'en' },
  };
}

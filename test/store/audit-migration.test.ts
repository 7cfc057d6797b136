import { describe, expect, it } from 'vitest';
import { migrateToLatest, snagMigrations } from '../../server/store/migrations';
import { migrationEngines, migrationsBefore } from './migration-engines';

// Audit entries written before 0071 held an erased customer's name and exports' filter values.
const before = migrationsBefore('0071');
const engines = migrationEngines('audit-migration');

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

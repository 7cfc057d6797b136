import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../server/store/migrations';
import { prepare, type SlotFn } from '../../server/store/prepared';
import { openSqliteKysely } from '../../server/store/sqlite';

const root = mkdtempSync(join(tmpdir(), 'snag-prepared-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('prepare', () => {
  it('fills every slot from each run’s values, next to fixed values, in the order the SQL needs', async () => {
    const db = openSqliteKysely(join(root, 'prepared.db'));
    try {
      await migrateToLatest(db);
      const insertUser = prepare((slot: SlotFn<{ name: string; id: string }>) =>
        db.insertInto('users').values({ id: slot('id'), name: slot('name'), role: 'member', created_at: '2025-01-01T00:00:00.000Z' }),
      );
      const byName = prepare((slot: SlotFn<{ name: string }>) =>
        db.selectFrom('users').select(['id', 'role']).where('role', '=', 'member').where('name', '=', slot('name')),
      );

      await db.executeQuery(insertUser({ name: 'Ann', id: 'u1' }));
      await db.executeQuery(insertUser({ name: 'Bo', id: 'u2' }));

      expect((await db.executeQuery(byName({ name: 'Bo' }))).rows).toEqual([{ id: 'u2', role: 'member' }]);
      expect((await db.executeQuery(byName({ name: 'Ann' }))).rows).toEqual([{ id: 'u1', role: 'member' }]);
      expect((await db.executeQuery(byName({ name: 'Cy' }))).rows).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});

import type { Kysely, Migration } from 'kysely';

/** Names start at 0030_ so every part's migrations sort after the ones before it. */
export const dataControlMigrations: Readonly<Record<string, Migration>> = {
  '0030_workspace_settings': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('workspace_settings')
        .addColumn('key', 'text', (col) => col.primaryKey())
        .addColumn('value', 'text', (col) => col.notNull())
        .addColumn('updated_at', 'text', (col) => col.notNull())
        .execute();
    },
  },
};

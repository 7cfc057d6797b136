import type { Kysely, Migration } from 'kysely';

/** Names start at 0030_ (and 0070_ for later additions) so every part's migrations sort after the ones before it. */
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
  '0070_screenshot_erasures': {
    // Screenshot files a committed deletion left unused: written in the deletion's transaction and
    // removed once the file is gone, so a crash between the two is finished at the next start.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('screenshot_erasures')
        .addColumn('sha256', 'text', (col) => col.primaryKey())
        .addColumn('queued_at', 'text', (col) => col.notNull())
        .execute();
    },
  },
};

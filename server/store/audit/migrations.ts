import { type Kysely, type Migration, sql } from 'kysely';

export const auditMigrations: Readonly<Record<string, Migration>> = {
  '0004_audit_log': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('at', 'text', (col) => col.notNull())
        .addColumn('action', 'text', (col) => col.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor_name', 'text')
        .addColumn('target', 'text')
        .addColumn('ip', 'text')
        .addColumn('details', 'text', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('audit_log_recent').on('audit_log').expression(sql`at desc, id desc`).execute();
    },
  },
};

import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { accountMigrations } from './accounts/migrations';
import { auditMigrations } from './audit/migrations';
import { dataControlMigrations } from './data-control/migrations';
import { insightMigrations } from './insights/migrations';
import { reviewMigrations } from './review/migrations';

/**
 * Migrations live inline (no directory scanning) so they ship with the code that needs them.
 * Names sort in run order; never edit one that has shipped, add a new one.
 */
const coreMigrations: Readonly<Record<string, Migration>> = {
  '0001_initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('role', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .execute();

      await db.schema
        .createTable('tokens')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('user_id', 'text', (col) => col.notNull().references('users.id'))
        .addColumn('token_hash', 'text', (col) => col.notNull().unique())
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('tokens_user_id').on('tokens').column('user_id').execute();

      await db.schema
        .createTable('captures')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('kind', 'text', (col) => col.notNull())
        .addColumn('page_url', 'text', (col) => col.notNull())
        .addColumn('page_title', 'text', (col) => col.notNull())
        .addColumn('comment', 'text', (col) => col.notNull())
        .addColumn('quote', 'text')
        .addColumn('tags', 'text', (col) => col.notNull())
        .addColumn('annotations', 'text', (col) => col.notNull())
        .addColumn('environment', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('received_at', 'text', (col) => col.notNull())
        .addColumn('reporter_id', 'text', (col) => col.notNull().references('users.id'))
        .addColumn('input_hash', 'text', (col) => col.notNull())
        .addColumn('screenshot_sha256', 'text')
        .addColumn('screenshot_type', 'text')
        .addColumn('screenshot_bytes', 'integer')
        .execute();
      // The feed reads newest first and pages by (created_at, id).
      await db.schema
        .createIndex('captures_feed')
        .on('captures')
        .expression(sql`created_at desc, id desc`)
        .execute();
      await db.schema
        .createIndex('captures_kind_feed')
        .on('captures')
        .expression(sql`kind, created_at desc, id desc`)
        .execute();
      await db.schema.createIndex('captures_reporter').on('captures').column('reporter_id').execute();

      await db.schema
        .createTable('capture_tags')
        .addColumn('capture_id', 'text', (col) => col.notNull().references('captures.id').onDelete('cascade'))
        .addColumn('tag', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint('capture_tags_pk', ['capture_id', 'tag'])
        .execute();
      await db.schema
        .createIndex('capture_tags_feed')
        .on('capture_tags')
        .expression(sql`tag, created_at desc, capture_id desc`)
        .execute();
    },
  },
  '0002_declared_screenshot': {
    // A capture may declare the screenshot that will follow it; until exactly those bytes arrive
    // it stays out of every read, so the feed never shows a capture whose image is missing.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('captures').addColumn('declared_sha256', 'text').execute();
      await db.schema.alterTable('captures').addColumn('declared_type', 'text').execute();
      await db.schema.alterTable('captures').addColumn('declared_bytes', 'integer').execute();
    },
  },
  '0003_classification': {
    // What reporters say about a capture (category, severity, customer, flow) and what the
    // extension learned with it (pinned element, quote context, page diagnostics); the workspace's
    // tag list; and the customers captures have named, for suggestions.
    async up(db: Kysely<unknown>) {
      // One column per statement: SQLite's ALTER TABLE adds one at a time.
      for (const column of ['category', 'severity', 'customer', 'flow', 'flow_step']) {
        await db.schema.alterTable('captures').addColumn(column, 'text').execute();
      }
      // JSON text, like tags and annotations.
      for (const column of ['element', 'diagnostics', 'quote_context', 'text_fragment_url']) {
        await db.schema.alterTable('captures').addColumn(column, 'text').execute();
      }
      // The feed will filter by these; each index pages like captures_feed.
      for (const column of ['category', 'severity', 'customer']) {
        await db.schema
          .createIndex(`captures_${column}_feed`)
          .on('captures')
          .expression(sql`${sql.ref(column)}, created_at desc, id desc`)
          .execute();
      }
      await db.schema
        .createIndex('captures_flow_feed')
        .on('captures')
        .expression(sql`flow, flow_step, created_at desc, id desc`)
        .execute();

      await db.schema
        .createTable('workspace_tags')
        .addColumn('tag', 'text', (col) => col.primaryKey())
        .addColumn('position', 'integer', (col) => col.notNull())
        .execute();
      const defaults = ['confusing', 'blocked', 'slow', 'error', 'missing', 'unclear copy', 'too many steps'];
      const rows = defaults.map((tag, position) => sql`(${tag}, ${position})`);
      await sql`insert into workspace_tags (tag, position) values ${sql.join(rows)}`.execute(db);

      await db.schema
        .createTable('customers')
        // The name lower-cased, so "Globex" and "globex" are one customer and prefix search ignores case.
        .addColumn('name_key', 'text', (col) => col.primaryKey())
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('last_used_at', 'text', (col) => col.notNull())
        .addColumn('captures', 'integer', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('customers_recent').on('customers').expression(sql`last_used_at desc`).execute();
    },
  },
};

/**
 * Every part's migrations; each part numbers its own (audit 0004, accounts 0005–0009, review
 * 0010–0019, insights 0020–0029, data control 0030–0039), so the merged names still sort in run order.
 */
export const snagMigrations: Readonly<Record<string, Migration>> = {
  ...coreMigrations,
  ...auditMigrations,
  ...accountMigrations,
  ...reviewMigrations,
  ...insightMigrations,
  ...dataControlMigrations,
};

/** Brings the schema up to date, or throws: a half-migrated database must never serve requests. */
export async function migrateToLatest<DB>(
  db: Kysely<DB>,
  migrations: Readonly<Record<string, Migration>> = snagMigrations,
  /** PostgreSQL: the schema Snag's tables live in, so the migrator's own tables go there too. */
  schema?: string,
): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => ({ ...migrations }) };
  const migrator = new Migrator({ db, provider, ...(schema === undefined ? {} : { migrationTableSchema: schema }) });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`database migration ${failed ?? '(unknown)'} failed: ${reason}`, { cause: error });
  }
}

import { type Kysely, type Migration, sql } from 'kysely';

/** Names start at 0005_ so every part's migrations sort after the ones before it. */
export const accountMigrations: Readonly<Record<string, Migration>> = {
  '0005_user_accounts': {
    // Users sign in with an email and a password now; existing users (token-only) keep null in both.
    async up(db: Kysely<unknown>) {
      // One column per statement: SQLite's ALTER TABLE adds one at a time.
      for (const column of ['email', 'password_hash', 'deactivated_at', 'last_seen_at']) {
        await db.schema.alterTable('users').addColumn(column, 'text').execute();
      }
      // Unique, but several nulls are fine in both SQLite and PostgreSQL.
      await db.schema.createIndex('users_email').on('users').column('email').unique().execute();
    },
  },
  '0006_token_scope': {
    // Tokens made before scopes could do everything their owner could, so they stay 'full'.
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('tokens')
        .addColumn('scope', 'text', (col) => col.notNull().defaultTo('full'))
        .execute();
    },
  },
  '0007_sessions': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('id_hash', 'text', (col) => col.notNull().unique())
        .addColumn('user_id', 'text', (col) => col.notNull().references('users.id'))
        .addColumn('csrf_token', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('last_seen_at', 'text', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('sessions_user_id').on('sessions').column('user_id').execute();
    },
  },
  '0008_invites': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('invites')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('token_hash', 'text', (col) => col.notNull().unique())
        .addColumn('role', 'text', (col) => col.notNull())
        .addColumn('email', 'text')
        // No foreign key: an invite names its inviter even if that account is later removed.
        .addColumn('invited_by', 'text')
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('expires_at', 'text', (col) => col.notNull())
        .addColumn('used_at', 'text')
        .addColumn('used_by', 'text')
        .execute();
      await db.schema.createIndex('invites_pending').on('invites').expression(sql`used_at, expires_at`).execute();
    },
  },
  '0009_pairings': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('pairings')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('user_code', 'text', (col) => col.notNull())
        .addColumn('device_name', 'text', (col) => col.notNull())
        .addColumn('poll_secret_hash', 'text', (col) => col.notNull())
        .addColumn('status', 'text', (col) => col.notNull())
        .addColumn('user_id', 'text')
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('expires_at', 'text', (col) => col.notNull())
        .addColumn('decided_at', 'text')
        .addColumn('consumed_at', 'text')
        .addColumn('token_id', 'text')
        .execute();
      await db.schema.createIndex('pairings_user_code').on('pairings').columns(['user_code', 'status']).execute();
    },
  },  '0060_throttles': {
    // Sign-in and pairing budgets move from memory to here, so they are spent atomically.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('throttles')
        .addColumn('key', 'text', (col) => col.primaryKey())
        .addColumn('tokens', 'double precision', (col) => col.notNull())
        .addColumn('updated_ms', 'double precision', (col) => col.notNull())
        .execute();
    },
  },
};

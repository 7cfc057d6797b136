import { type Kysely, type Migration, PostgresAdapter, sql } from 'kysely';
import { derivedCaptureColumns, storedLocator } from '../captures/derived-columns';

const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;

const BACKFILL_BATCH = 1000;

interface BackfillRow {
  id: string;
  page_url: string;
  element: string | null;
  customer: string | null;
  severity: string | null;
}

/** Fills the derived columns of captures stored before them, in batches (keys are computed in JS, like at insert). */
async function backfillDerivedColumns(db: Kysely<unknown>, sqlite: boolean): Promise<void> {
  let after = '';
  let searchId = 0;
  for (;;) {
    const { rows } = await sql<BackfillRow>`
      select id, page_url, element, customer, severity from captures
      where id > ${after} order by id limit ${BACKFILL_BATCH}`.execute(db);
    for (const row of rows) {
      const derived = derivedCaptureColumns({ ...row, element: storedLocator(row.element) });
      searchId += 1;
      await sql`
        update captures set route_key = ${derived.route_key}, element_key = ${derived.element_key},
          site = ${derived.site}, path_segments = ${derived.path_segments}, customer_key = ${derived.customer_key},
          severity_rank = ${derived.severity_rank}, search_id = ${sqlite ? searchId : null}
        where id = ${row.id}`.execute(db);
    }
    const last = rows.at(-1);
    if (last === undefined || rows.length < BACKFILL_BATCH) return;
    after = last.id;
  }
}

/** Per-row feed orders: each index pages like captures_feed (created_at desc, id desc). */
async function createFeedIndex(db: Kysely<unknown>, name: string, leading: ReturnType<typeof sql.raw>): Promise<void> {
  await db.schema.createIndex(name).on('captures').expression(sql`${leading}, created_at desc, id desc`).execute();
}

/** Names start at 0010_ so every part's migrations sort after the ones before it. */
export const reviewMigrations: Readonly<Record<string, Migration>> = {
  '0010_review': {
    // Triage state, the keys the feed filters and hot spots group by, comments, history, saved
    // views, and full-text search over comment, quote, page title and URL.
    async up(db: Kysely<unknown>) {
      const postgres = isPostgres(db);
      const addColumn = (name: string, type: 'text' | 'integer', notNullDefault?: string | number) =>
        db.schema
          .alterTable('captures')
          .addColumn(name, type, (col) => (notNullDefault === undefined ? col : col.notNull().defaultTo(notNullDefault)))
          .execute();
      // One column per statement: SQLite's ALTER TABLE adds one at a time.
      await addColumn('status', 'text', 'new');
      for (const column of ['priority', 'assignee_id', 'merged_into', 'triage_updated_at', 'element_key', 'customer_key']) {
        await addColumn(column, 'text');
      }
      await addColumn('route_key', 'text', '');
      await addColumn('site', 'text', '');
      await addColumn('path_segments', 'text', '[]');
      await addColumn('severity_rank', 'integer', 0);
      await addColumn('search_id', 'integer');
      await backfillDerivedColumns(db, !postgres);

      // Every index costs each capture POST a little. Replaced below: reporter and customer now
      // page, severity by its rank. Dropped: category is no filter; kind (three values) is found
      // fast enough walking captures_feed.
      for (const old of ['captures_reporter', 'captures_severity_feed', 'captures_customer_feed', 'captures_category_feed', 'captures_kind_feed']) {
        await db.schema.dropIndex(old).execute();
      }
      await createFeedIndex(db, 'captures_status_feed', sql.raw('status'));
      await createFeedIndex(db, 'captures_assignee_feed', sql.raw('assignee_id'));
      await createFeedIndex(db, 'captures_reporter_feed', sql.raw('reporter_id'));
      await createFeedIndex(db, 'captures_site_feed', sql.raw('site'));
      await createFeedIndex(db, 'captures_route_feed', sql.raw('route_key'));
      await createFeedIndex(db, 'captures_customer_key_feed', sql.raw('customer_key'));
      await createFeedIndex(db, 'captures_severity_rank_feed', sql.raw('severity_rank desc'));
      await db.schema
        .createIndex('captures_merged_into')
        .on('captures')
        .column('merged_into')
        .where(sql.ref('merged_into'), 'is not', null)
        .execute();

      await db.schema
        .createTable('capture_comments')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('capture_id', 'text', (col) => col.notNull().references('captures.id').onDelete('cascade'))
        .addColumn('author_id', 'text', (col) => col.notNull().references('users.id'))
        .addColumn('body', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .execute();
      await db.schema
        .createIndex('capture_comments_capture')
        .on('capture_comments')
        .columns(['capture_id', 'created_at', 'id'])
        .execute();

      await db.schema
        .createTable('capture_events')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('capture_id', 'text', (col) => col.notNull().references('captures.id').onDelete('cascade'))
        .addColumn('at', 'text', (col) => col.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('type', 'text', (col) => col.notNull())
        .addColumn('from_value', 'text')
        .addColumn('to_value', 'text')
        .execute();
      await db.schema.createIndex('capture_events_capture').on('capture_events').columns(['capture_id', 'at', 'id']).execute();

      await db.schema
        .createTable('saved_views')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('owner_id', 'text', (col) => col.notNull().references('users.id'))
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('query', 'text', (col) => col.notNull())
        .addColumn('shared', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('saved_views_owner').on('saved_views').columns(['owner_id', 'created_at']).execute();

      if (postgres) await postgresSearchAndTriggers(db);
      else await sqliteSearchAndTriggers(db);
    },
  },
  '0040_friction_category': {
    // "Friction" is the category: text-only captures of kind friction get it, and the feed filters by it.
    async up(db: Kysely<unknown>) {
      await sql`update captures set category = 'friction' where kind = 'friction' and category is null`.execute(db);
      await createFeedIndex(db, 'captures_category_feed', sql.raw('category'));
    },
  },
  '0041_server_time': {
    // The server's receive time orders the feed and drives date filters and retention; the client's time is kept for display.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('captures').addColumn('client_created_at', 'text').execute();
      await sql`update captures set client_created_at = created_at, created_at = received_at`.execute(db);
      await sql`
        update capture_tags set created_at = (select captures.created_at from captures where captures.id = capture_tags.capture_id)`.execute(db);
    },
  },
};

/**
 * SQLite: an external-content FTS5 table over the captures' text, keyed by captures.search_id
 * (a real column: rowids of a table without INTEGER PRIMARY KEY may change on VACUUM), kept in
 * sync by triggers, so a capture deleted by any code leaves the index with it.
 */
async function sqliteSearchAndTriggers(db: Kysely<unknown>): Promise<void> {
  // columnsize=0: nothing ranks by length. No prefix indexes: each costs every insert about as
  // much again, and prefix queries of 2+ characters are fast enough scanning the term list.
  await db.schema.createIndex('captures_search_id').on('captures').column('search_id').unique().execute();
  await sql`
    create virtual table captures_fts using fts5(
      comment, quote, page_title, page_url,
      content = 'captures', content_rowid = 'search_id',
      tokenize = 'unicode61 remove_diacritics 0', columnsize = 0
    )`.execute(db);
  await sql`
    create trigger captures_fts_insert after insert on captures begin
      insert into captures_fts (rowid, comment, quote, page_title, page_url)
      values (new.search_id, new.comment, new.quote, new.page_title, new.page_url);
    end`.execute(db);
  await sql`
    create trigger captures_fts_delete after delete on captures begin
      insert into captures_fts (captures_fts, rowid, comment, quote, page_title, page_url)
      values ('delete', old.search_id, old.comment, old.quote, old.page_title, old.page_url);
    end`.execute(db);
  await sql`
    create trigger captures_fts_update after update of comment, quote, page_title, page_url, search_id on captures begin
      insert into captures_fts (captures_fts, rowid, comment, quote, page_title, page_url)
      values ('delete', old.search_id, old.comment, old.quote, old.page_title, old.page_url);
      insert into captures_fts (rowid, comment, quote, page_title, page_url)
      values (new.search_id, new.comment, new.quote, new.page_title, new.page_url);
    end`.execute(db);
  await sql`insert into captures_fts (captures_fts) values ('rebuild')`.execute(db);
  // A deleted original frees its duplicates rather than leaving them merged into nothing.
  await sql`
    create trigger captures_unmerge_on_delete after delete on captures begin
      update captures set merged_into = null, status = 'new' where merged_into = old.id;
    end`.execute(db);
}

/**
 * PostgreSQL: a generated tsvector over the same text with everything but letters and digits
 * replaced by spaces, so both engines see the same words (URLs split into host and path words).
 */
async function postgresSearchAndTriggers(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table captures add column search_vector tsvector generated always as (
      to_tsvector('simple'::regconfig, regexp_replace(
        coalesce(comment, '') || ' ' || coalesce(quote, '') || ' ' || page_title || ' ' || page_url,
        '[^[:alnum:]]+', ' ', 'g'))
    ) stored`.execute(db);
  await sql`create index captures_search on captures using gin (search_vector)`.execute(db);
  await sql`
    create function snag_unmerge_on_delete() returns trigger language plpgsql as $$
    begin
      update captures set merged_into = null, status = 'new' where merged_into = old.id;
      return old;
    end $$`.execute(db);
  await sql`
    create trigger captures_unmerge_on_delete after delete on captures
    for each row execute function snag_unmerge_on_delete()`.execute(db);
}

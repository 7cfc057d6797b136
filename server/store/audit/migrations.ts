import { type Kysely, type Migration, sql } from 'kysely';
import { auditedFilter } from '#shared/audit';

const SCRUB_BATCH = 500;

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
  '0071_audit_without_content': {
    // The log keeps ids, never content: erased customers' names and exports' filter values go.
    async up(db: Kysely<unknown>) {
      await sql`update audit_log set target = null where action = 'data.deleted_by_customer'`.execute(db);
      let after = '';
      for (;;) {
        const { rows } = await sql<{ id: string; details: string }>`
          select id, details from audit_log
          where action in ('export.created', 'digest.created') and id > ${after}
          order by id limit ${SCRUB_BATCH}`.execute(db);
        for (const row of rows) {
          const details: unknown = JSON.parse(row.details);
          if (typeof details !== 'object' || details === null || !('filter' in details) || typeof details.filter !== 'string') continue;
          const scrubbed = JSON.stringify({ ...details, filter: auditedFilter(details.filter) });
          await sql`update audit_log set details = ${scrubbed} where id = ${row.id}`.execute(db);
        }
        const last = rows.at(-1);
        if (last === undefined || rows.length < SCRUB_BATCH) return;
        after = last.id;
      }
    },
  },
};

import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { auditAction, auditDetails, type AuditPage, type AuditQuery } from '#shared/audit';
import type { Database } from '../schema';
import type { AuditRecord, AuditStore } from './store';

export class KyselyAuditStore implements AuditStore {
  constructor(private readonly db: Kysely<Database>) {}

  async record(entry: AuditRecord): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        // uuidv7 sorts by time, so (at, id) order is the order things happened.
        id: uuidv7(),
        at: entry.at ?? new Date().toISOString(),
        action: entry.action,
        actor_id: entry.actor?.id ?? null,
        actor_name: entry.actor?.name ?? null,
        target: entry.target ?? null,
        ip: entry.ip ?? null,
        details: JSON.stringify(entry.details ?? {}),
      })
      .execute();
  }

  async list(query: AuditQuery): Promise<AuditPage> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .$if(query.action !== undefined, (q) => q.where('action', '=', query.action ?? ''))
      .$if(query.actor !== undefined, (q) => q.where('actor_id', '=', query.actor ?? ''))
      .$if(query.before !== undefined, (q) => q.where('at', '<', query.before ?? ''))
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(query.limit + 1)
      .execute();
    const entries = rows.slice(0, query.limit).map((row) => ({
      id: row.id,
      at: row.at,
      // Stored rows were written by `record` from typed input; parse anyway so a bad row fails loudly.
      action: auditAction.parse(row.action),
      actor: row.actor_id === null ? null : { id: row.actor_id, name: row.actor_name ?? '' },
      target: row.target,
      ip: row.ip,
      details: auditDetails.parse(JSON.parse(row.details)),
    }));
    const last = entries.at(-1);
    return { entries, nextBefore: rows.length > query.limit && last !== undefined ? last.at : null };
  }
}

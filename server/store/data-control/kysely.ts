import type { Kysely, Transaction } from 'kysely';
import { DEFAULT_WORKSPACE_SETTINGS, type WorkspaceSettings, workspaceSettings } from '#shared/data-control';
import { KyselyAuditStore } from '../audit/kysely';
import type { AuditRecord } from '../audit/store';
import { customerKey } from '../captures/customer-key';
import type { Database } from '../schema';
import type { SqlDialect } from '../store';
import { deleteCommentsBy, deleteViewsNamingCustomer } from './personal-traces';
import type { DataControlStore, DeletionAudit, DeletionResult, SettingsChange } from './store';

type Trx = Transaction<Database>;

/** Keeps `in (…)` lists well under both databases' limits on bound parameters. */
const IN_LIST_CHUNK = 500;

const DELETED_COLUMNS = ['id', 'reporter_id', 'screenshot_sha256', 'declared_sha256', 'customer_key'] as const;

interface DeletedRow {
  id: string;
  reporter_id: string;
  screenshot_sha256: string | null;
  declared_sha256: string | null;
  customer_key: string | null;
}

/**
 * Deletion leans on the schema: every table that references a capture does so with
 * ON DELETE CASCADE (tags, triage, comments, history…) and full-text indexes follow by trigger,
 * so deleting the capture row removes everything about it in the same statement.
 */
export class KyselyDataControlStore implements DataControlStore {
  constructor(
    protected readonly db: Kysely<Database>,
    protected readonly dialect: SqlDialect,
  ) {}

  deleteCapture(id: string, audit: DeletionAudit): Promise<DeletionResult> {
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx.deleteFrom('captures').where('id', '=', id).returning(DELETED_COLUMNS).execute();
      if (rows.length > 0) await record(trx, { ...audit, action: 'capture.deleted', target: id, details: { count: rows.length } });
      return afterDelete(trx, rows);
    });
  }

  deleteByReporter(userId: string, audit: DeletionAudit): Promise<DeletionResult | null> {
    return this.db.transaction().execute(async (trx) => {
      const user = await trx.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
      if (user === undefined) return null;
      const rows = await trx
        .deleteFrom('captures')
        .where('reporter_id', '=', userId)
        .returning(DELETED_COLUMNS)
        .execute();
      const comments = await deleteCommentsBy(trx, userId);
      await record(trx, { ...audit, action: 'data.deleted_by_reporter', target: userId, details: { count: rows.length, comments } });
      return afterDelete(trx, rows);
    });
  }

  deleteByCustomer(customer: string, audit: DeletionAudit): Promise<DeletionResult> {
    const key = customerKey(customer);
    return this.db.transaction().execute(async (trx) => {
      // customer_key is customerKey(customer), computed in JS at insert: SQL lower() would fold
      // only ASCII in SQLite, so "ÆRØ" would miss "ærø".
      const rows = await trx.deleteFrom('captures').where('customer_key', '=', key).returning(DELETED_COLUMNS).execute();
      await trx.deleteFrom('customers').where('name_key', '=', key).execute();
      const views = await deleteViewsNamingCustomer(trx, key);
      // Ids, never content: the customer's name is exactly what is being erased.
      await record(trx, { ...audit, action: 'data.deleted_by_customer', target: null, details: { count: rows.length, views } });
      return afterDelete(trx, rows);
    });
  }

  deleteCreatedBefore(cutoff: string, limit: number): Promise<DeletionResult> {
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .deleteFrom('captures')
        .where('id', 'in', (eb) =>
          eb.selectFrom('captures').select('id').where('created_at', '<', cutoff).orderBy('created_at').orderBy('id').limit(limit),
        )
        .returning(DELETED_COLUMNS)
        .execute();
      return afterDelete(trx, rows);
    });
  }

  async pendingScreenshotErasures(limit: number): Promise<string[]> {
    const rows = await this.db.selectFrom('screenshot_erasures').select('sha256').orderBy('queued_at').orderBy('sha256').limit(limit).execute();
    return rows.map((row) => row.sha256);
  }

  screenshotsInUse(sha256s: readonly string[]): Promise<Set<string>> {
    return screenshotsInUse(this.db, sha256s);
  }

  async clearScreenshotErasures(sha256s: readonly string[]): Promise<void> {
    for (const chunk of chunks(sha256s)) await this.db.deleteFrom('screenshot_erasures').where('sha256', 'in', chunk).execute();
  }

  async getSettings(): Promise<WorkspaceSettings> {
    return readSettings(this.db);
  }

  updateSettings(settings: WorkspaceSettings, audit: DeletionAudit & { at: string }): Promise<SettingsChange> {
    const { at } = audit;
    return this.db.transaction().execute(async (trx) => {
      const previous = await readSettings(trx);
      const current = workspaceSettings.parse(settings);
      if (previous.retentionDays !== current.retentionDays) {
        await record(trx, {
          ...audit,
          action: 'retention.changed',
          target: null,
          details: { from: previous.retentionDays, to: current.retentionDays },
        });
      }
      for (const [key, value] of Object.entries(current)) {
        await trx
          .insertInto('workspace_settings')
          .values({ key, value: JSON.stringify(value), updated_at: at })
          .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: at }))
          .execute();
      }
      return { previous, current };
    });
  }
}

/** The audit entry goes in the deletion's transaction: both happen, or neither. */
function record(trx: Trx, entry: AuditRecord): Promise<void> {
  return new KyselyAuditStore(trx).record(entry);
}

async function readSettings(db: Kysely<Database> | Trx): Promise<WorkspaceSettings> {
  const rows = await db.selectFrom('workspace_settings').select(['key', 'value']).execute();
  const stored = Object.fromEntries(rows.map((row) => [row.key, JSON.parse(row.value)]));
  // A stored value that no longer parses is a bug to see, not a default to fall back on.
  return workspaceSettings.parse({ ...DEFAULT_WORKSPACE_SETTINGS, ...stored });
}

/**
 * Inside the deleting transaction: which screenshot files are now unused (journaled in the same
 * transaction, so a crash before they are removed cannot forget them), and the customers' counts.
 */
async function afterDelete(trx: Trx, rows: readonly DeletedRow[]): Promise<DeletionResult> {
  const candidates = [
    ...new Set(rows.flatMap((row) => [row.screenshot_sha256, row.declared_sha256]).filter((sha) => sha !== null)),
  ];
  const stillUsed = await screenshotsInUse(trx, candidates);
  const unreferenced = candidates.filter((sha) => !stillUsed.has(sha));
  const queuedAt = new Date().toISOString();
  for (const chunk of chunks(unreferenced)) {
    await trx
      .insertInto('screenshot_erasures')
      .values(chunk.map((sha256) => ({ sha256, queued_at: queuedAt })))
      .onConflict((conflict) => conflict.column('sha256').doNothing())
      .execute();
  }

  const customers = new Set(rows.flatMap((row) => (row.customer_key === null ? [] : [row.customer_key])));
  if (customers.size > 0) await recountCustomers(trx, [...customers]);

  return {
    deleted: rows.map((row) => ({ id: row.id, reporterId: row.reporter_id })),
    unreferencedScreenshots: unreferenced,
  };
}

async function screenshotsInUse(db: Kysely<Database> | Trx, sha256s: readonly string[]): Promise<Set<string>> {
  const wanted = new Set(sha256s);
  const used = new Set<string>();
  for (const chunk of chunks([...wanted])) {
    const rows = await db
      .selectFrom('captures')
      .select(['screenshot_sha256', 'declared_sha256'])
      .where((eb) => eb.or([eb('screenshot_sha256', 'in', chunk), eb('declared_sha256', 'in', chunk)]))
      .execute();
    for (const row of rows) {
      for (const sha of [row.screenshot_sha256, row.declared_sha256]) if (sha !== null && wanted.has(sha)) used.add(sha);
    }
  }
  return used;
}

/** A customer no capture names any more leaves the suggestions; the others keep a true count. */
async function recountCustomers(trx: Trx, keys: readonly string[]): Promise<void> {
  const remaining = new Map<string, number>();
  for (const chunk of chunks(keys)) {
    const counts = await trx
      .selectFrom('captures')
      .select((eb) => ['customer_key', eb.fn.countAll<number | string | bigint>().as('count')])
      .where('customer_key', 'in', chunk)
      .groupBy('customer_key')
      .execute();
    for (const row of counts) if (row.customer_key !== null) remaining.set(row.customer_key, Number(row.count));
  }
  for (const key of keys) {
    const count = remaining.get(key) ?? 0;
    if (count === 0) await trx.deleteFrom('customers').where('name_key', '=', key).execute();
    else await trx.updateTable('customers').set({ captures: count }).where('name_key', '=', key).execute();
  }
}

function chunks<T>(items: readonly T[], size = IN_LIST_CHUNK): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

import { type Kysely, type Selectable, type Transaction, sql } from 'kysely';
import type { CustomerSuggestion } from '#shared/api';
import type { Capture, ScreenshotInfo } from '#shared/capture';
import { GroupCommit } from '../group-commit';
import { prepare, type SlotFn } from '../prepared';
import { CAPTURE_COLUMNS } from '../review/rows';
import type { Database } from '../schema';
import type { SqlDialect } from '../store';
import { customerKey } from './customer-key';
import { type CaptureRow, captureFromRow, createdCapture, declaredScreenshotFromRow, rowFromNewCapture } from './rows';
import type { CapturesTable, CaptureTagsTable, CustomersTable } from './schema';
import type {
  AttachScreenshotResult,
  CaptureStore,
  CreateCaptureResult,
  NewCapture,
  ScreenshotTarget,
  SuggestCustomersQuery,
} from './store';

type Db = Kysely<Database> | Transaction<Database>;

/** The queries every capture POST runs, compiled once (see `prepare`). */
function hotQueries(db: Kysely<Database>, dialect: SqlDialect) {
  // SQLite's full-text index is keyed by search_id: the next one, taken inside the insert (writes
  // are serialised, and captures_search_id makes max() one index lookup). PostgreSQL needs none.
  const nextSearchId =
    dialect === 'sqlite' ? sql<number | null>`(select coalesce(max(search_id), 0) + 1 from captures)` : sql<number | null>`null`;
  return {
    insertCapture: prepare((slot: SlotFn<Selectable<CapturesTable>>) =>
      db
        .insertInto('captures')
        .values({
          id: slot('id'),
          kind: slot('kind'),
          page_url: slot('page_url'),
          page_title: slot('page_title'),
          comment: slot('comment'),
          quote: slot('quote'),
          tags: slot('tags'),
          annotations: slot('annotations'),
          environment: slot('environment'),
          created_at: slot('created_at'),
          received_at: slot('received_at'),
          client_created_at: slot('client_created_at'),
          reporter_id: slot('reporter_id'),
          input_hash: slot('input_hash'),
          screenshot_sha256: slot('screenshot_sha256'),
          screenshot_type: slot('screenshot_type'),
          screenshot_bytes: slot('screenshot_bytes'),
          declared_sha256: slot('declared_sha256'),
          declared_type: slot('declared_type'),
          declared_bytes: slot('declared_bytes'),
          category: slot('category'),
          severity: slot('severity'),
          customer: slot('customer'),
          flow: slot('flow'),
          flow_step: slot('flow_step'),
          element: slot('element'),
          diagnostics: slot('diagnostics'),
          quote_context: slot('quote_context'),
          text_fragment_url: slot('text_fragment_url'),
          status: slot('status'),
          priority: slot('priority'),
          assignee_id: slot('assignee_id'),
          merged_into: slot('merged_into'),
          triage_updated_at: slot('triage_updated_at'),
          route_key: slot('route_key'),
          element_key: slot('element_key'),
          site: slot('site'),
          path_segments: slot('path_segments'),
          customer_key: slot('customer_key'),
          severity_rank: slot('severity_rank'),
          search_id: nextSearchId,
        })
        .onConflict((conflict) => conflict.column('id').doNothing()),
    ),
    insertTag: prepare((slot: SlotFn<Selectable<CaptureTagsTable>>) =>
      db
        .insertInto('capture_tags')
        .values({ capture_id: slot('capture_id'), tag: slot('tag'), created_at: slot('created_at') }),
    ),
    // One row per customer: the latest spelling, the latest use, and how many captures named it.
    upsertCustomer: prepare((slot: SlotFn<Selectable<CustomersTable>>) =>
      db
        .insertInto('customers')
        .values({
          name_key: slot('name_key'),
          name: slot('name'),
          last_used_at: slot('last_used_at'),
          captures: slot('captures'),
        })
        .onConflict((conflict) =>
          conflict.column('name_key').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            last_used_at: sql<string>`case when ${eb.ref('excluded.last_used_at')} > ${eb.ref('customers.last_used_at')} then ${eb.ref('excluded.last_used_at')} else ${eb.ref('customers.last_used_at')} end`,
            captures: sql<number>`${eb.ref('customers.captures')} + 1`,
          })),
        ),
    ),
  };
}

type HotQueries = ReturnType<typeof hotQueries>;

/** A LIKE pattern matching text that starts with `prefix`, taken literally (escape character `\`). */
function startsWithPattern(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** The captures part on plain Kysely queries; KyselyStore (../kysely-store.ts) adds the other parts. */
export class KyselyCaptureStore implements CaptureStore {
  private readonly captureWrites: GroupCommit<NewCapture, CreateCaptureResult>;
  private readonly hot: HotQueries;

  constructor(
    /** The connection itself, for tests that must reach under the Store (e.g. delete a row as other code would). */
    readonly db: Kysely<Database>,
    readonly dialect: SqlDialect,
  ) {
    this.hot = hotQueries(db, dialect);
    this.captureWrites = new GroupCommit((batch) =>
      this.db.transaction().execute(async (trx) => {
        const results: CreateCaptureResult[] = [];
        for (const newCapture of batch) results.push(await insertCapture(trx, this.hot, newCapture));
        return results;
      }),
    );
  }

  createCapture(newCapture: NewCapture): Promise<CreateCaptureResult> {
    return this.captureWrites.submit(newCapture);
  }

  async getCapture(id: string): Promise<Capture | null> {
    const row = await selectCaptureRow(this.db, id);
    return row === undefined || !isPublished(row) ? null : captureFromRow(row);
  }

  async findScreenshotTarget(id: string): Promise<ScreenshotTarget | null> {
    const row = await selectCaptureRow(this.db, id);
    return row === undefined ? null : { capture: captureFromRow(row), declared: declaredScreenshotFromRow(row) };
  }

  async attachScreenshot(id: string, screenshot: ScreenshotInfo): Promise<AttachScreenshotResult> {
    return this.db.transaction().execute(async (trx) => {
      // Only fills an empty slot, so two racing uploads cannot overwrite each other.
      const updated = await trx
        .updateTable('captures')
        .set({
          screenshot_sha256: screenshot.sha256,
          screenshot_type: screenshot.contentType,
          screenshot_bytes: screenshot.bytes,
        })
        .where('id', '=', id)
        .where('screenshot_sha256', 'is', null)
        .executeTakeFirst();
      const row = await selectCaptureRow(trx, id);
      if (row === undefined) return { status: 'not_found' };
      const capture = captureFromRow(row);
      if (updated.numUpdatedRows === 1n) return { status: 'attached', capture };
      return { status: capture.screenshot?.sha256 === screenshot.sha256 ? 'existing' : 'conflict', capture };
    });
  }

  async listWorkspaceTags(): Promise<string[]> {
    const rows = await this.db.selectFrom('workspace_tags').select('tag').orderBy('position').orderBy('tag').execute();
    return rows.map((row) => row.tag);
  }

  async replaceWorkspaceTags(tags: readonly string[]): Promise<string[]> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('workspace_tags').execute();
      if (tags.length > 0) {
        await trx
          .insertInto('workspace_tags')
          .values(tags.map((tag, position) => ({ tag, position })))
          .execute();
      }
    });
    return this.listWorkspaceTags();
  }

  async suggestCustomers(query: SuggestCustomersQuery): Promise<CustomerSuggestion[]> {
    const prefix = customerKey(query.prefix);
    const rows = await this.db
      .selectFrom('customers')
      .select(['name', 'last_used_at', 'captures'])
      // An explicit ESCAPE: SQLite has no default escape character, PostgreSQL's is `\`.
      .$if(prefix !== '', (select) => select.where(sql<boolean>`name_key like ${startsWithPattern(prefix)} escape '\\'`))
      .orderBy('last_used_at', 'desc')
      .orderBy('name_key')
      .limit(query.limit)
      .execute();
    // PostgreSQL answers integers of unknown width as strings.
    return rows.map((row) => ({ name: row.name, lastUsedAt: row.last_used_at, captures: Number(row.captures) }));
  }

}

/** A capture that announced a screenshot is unpublished until that screenshot is attached. */
const isPublished = (row: Pick<CaptureRow, 'declared_sha256' | 'screenshot_sha256'>) =>
  row.declared_sha256 === null || row.screenshot_sha256 !== null;

function selectCaptureRow(db: Db, id: string) {
  return db
    .selectFrom('captures')
    .innerJoin('users', 'users.id', 'captures.reporter_id')
    .select(CAPTURE_COLUMNS)
    .select('users.name as reporter_name')
    .where('captures.id', '=', id)
    .executeTakeFirst();
}


/** One capture inside an open transaction: insert it, or tell a retry from a conflicting reuse of the id. */
async function insertCapture(
  trx: Transaction<Database>,
  hot: HotQueries,
  newCapture: NewCapture,
): Promise<CreateCaptureResult> {
  const row = rowFromNewCapture(newCapture);
  const inserted = await trx.executeQuery(hot.insertCapture(row));
  if (inserted.numAffectedRows === 1n) {
    for (const tag of newCapture.input.tags) {
      await trx.executeQuery(hot.insertTag({ capture_id: row.id, tag, created_at: row.created_at }));
    }
    const { customer } = newCapture.input;
    if (customer !== undefined) {
      await trx.executeQuery(
        hot.upsertCustomer({ name_key: customerKey(customer), name: customer, last_used_at: row.received_at, captures: 1 }),
      );
    }
    return { status: 'created', capture: createdCapture(newCapture, row.client_created_at ?? row.created_at) };
  }

  const existing = await selectCaptureRow(trx, row.id);
  if (existing === undefined) throw new Error(`capture ${row.id} conflicted on insert but cannot be read`);
  const capture = captureFromRow(existing);
  // A retry is the same body from the same person; anything else reusing the id is a conflict.
  const sameUpload = existing.input_hash === row.input_hash && existing.reporter_id === row.reporter_id;
  return { status: sameUpload ? 'existing' : 'conflict', capture };
}

import { randomUUID } from 'node:crypto';
import { type Kysely, type Transaction, sql } from 'kysely';
import type { Capture, ScreenshotInfo } from '#shared/capture';
import { decodeCursor, encodeCursor } from './cursor';
import { GroupCommit } from './group-commit';
import { captureFromRow, rowFromNewCapture } from './rows';
import type { Database } from './schema';
import type {
  AttachScreenshotResult,
  CreateCaptureResult,
  ListCapturesQuery,
  ListCapturesResult,
  NewCapture,
  NewUserWithToken,
  Store,
  TokenRecord,
  User,
} from './store';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The Store on plain Kysely queries, with nothing dialect-specific: the SQLite store is this
 * class on a SQLite dialect, and a PostgreSQL store can be the same class on a Postgres one.
 */
export class KyselyStore implements Store {
  private readonly captureWrites: GroupCommit<NewCapture, CreateCaptureResult>;

  constructor(private readonly db: Kysely<Database>) {
    this.captureWrites = new GroupCommit((batch) =>
      this.db.transaction().execute(async (trx) => {
        const results: CreateCaptureResult[] = [];
        for (const newCapture of batch) results.push(await insertCapture(trx, newCapture));
        return results;
      }),
    );
  }

  createCapture(newCapture: NewCapture): Promise<CreateCaptureResult> {
    return this.captureWrites.submit(newCapture);
  }

  async getCapture(id: string): Promise<Capture | null> {
    const row = await selectCaptureRow(this.db, id);
    return row === undefined ? null : captureFromRow(row);
  }

  async listCaptures(query: ListCapturesQuery): Promise<ListCapturesResult> {
    let after: { createdAt: string; id: string } | undefined;
    if (query.cursor !== undefined) {
      const decoded = decodeCursor(query.cursor);
      if (!decoded.ok) return { ok: false, reason: 'invalid_cursor', message: decoded.message };
      after = decoded.cursor;
    }

    // With a tag, walk capture_tags' (tag, created_at, capture_id) index; its created_at and
    // capture_id equal the capture's, so the order and the cursor mean the same either way.
    const { tag, kind } = query;
    const createdAt = sql.ref<string>(tag === undefined ? 'captures.created_at' : 'capture_tags.created_at');
    const id = sql.ref<string>(tag === undefined ? 'captures.id' : 'capture_tags.capture_id');

    const all = this.db
      .selectFrom('captures')
      .innerJoin('users', 'users.id', 'captures.reporter_id')
      .selectAll('captures')
      .select('users.name as reporter_name');
    const tagged =
      tag === undefined
        ? all
        : all.innerJoin('capture_tags', 'capture_tags.capture_id', 'captures.id').where('capture_tags.tag', '=', tag);
    const rows = await tagged
      .where((eb) => {
        const conditions = [];
        if (kind !== undefined) conditions.push(eb('captures.kind', '=', kind));
        // A row-value comparison (SQLite and PostgreSQL both have it) lets the index seek
        // straight to the cursor instead of scanning every newer row.
        if (after !== undefined) conditions.push(sql<boolean>`(${createdAt}, ${id}) < (${after.createdAt}, ${after.id})`);
        return eb.and(conditions);
      })
      .orderBy(createdAt, 'desc')
      .orderBy(id, 'desc')
      .limit(query.limit + 1)
      .execute();

    const items = rows.slice(0, query.limit).map(captureFromRow);
    const last = items.at(-1);
    const nextCursor =
      rows.length > query.limit && last !== undefined
        ? encodeCursor({ createdAt: last.createdAt, id: last.id })
        : null;
    return { ok: true, page: { items, nextCursor } };
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

  async findToken(tokenHash: string): Promise<TokenRecord | null> {
    const row = await this.db
      .selectFrom('tokens')
      .innerJoin('users', 'users.id', 'tokens.user_id')
      .select([
        'tokens.id as token_id',
        'tokens.last_used_at',
        'tokens.revoked_at',
        'users.id as user_id',
        'users.name',
        'users.role',
      ])
      .where('tokens.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (row === undefined) return null;
    return {
      tokenId: row.token_id,
      user: { id: row.user_id, name: row.name, role: row.role },
      lastUsedAt: row.last_used_at,
      revokedAt: row.revoked_at,
    };
  }

  async markTokenUsed(tokenId: string, at: string): Promise<void> {
    await this.db.updateTable('tokens').set({ last_used_at: at }).where('id', '=', tokenId).execute();
  }

  async countUsers(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('count'))
      .executeTakeFirstOrThrow();
    // SQLite answers a number, PostgreSQL a bigint-as-string.
    return Number(row.count);
  }

  async createUserWithToken(newUser: NewUserWithToken): Promise<User> {
    const now = new Date().toISOString();
    const user: User = { id: randomUUID(), name: newUser.name, role: newUser.role };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('users').values({ ...user, created_at: now }).execute();
      await trx
        .insertInto('tokens')
        .values({
          id: randomUUID(),
          user_id: user.id,
          token_hash: newUser.tokenHash,
          name: newUser.tokenName,
          created_at: now,
          last_used_at: null,
          revoked_at: null,
        })
        .execute();
    });
    return user;
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

function selectCaptureRow(db: Db, id: string) {
  return db
    .selectFrom('captures')
    .innerJoin('users', 'users.id', 'captures.reporter_id')
    .selectAll('captures')
    .select('users.name as reporter_name')
    .where('captures.id', '=', id)
    .executeTakeFirst();
}


/** One capture inside an open transaction: insert it, or tell a retry from a conflicting reuse of the id. */
async function insertCapture(trx: Transaction<Database>, newCapture: NewCapture): Promise<CreateCaptureResult> {
  const row = rowFromNewCapture(newCapture);
  const inserted = await trx
    .insertInto('captures')
    .values(row)
    .onConflict((conflict) => conflict.column('id').doNothing())
    .executeTakeFirst();

  if (inserted.numInsertedOrUpdatedRows === 1n) {
    const tags = newCapture.input.tags;
    if (tags.length > 0) {
      await trx
        .insertInto('capture_tags')
        .values(tags.map((tag) => ({ capture_id: row.id, tag, created_at: row.created_at })))
        .execute();
    }
    // Built from what was just written rather than read back: same mapping, one query fewer.
    return { status: 'created', capture: captureFromRow({ ...row, reporter_name: newCapture.reporter.name }) };
  }

  const existing = await selectCaptureRow(trx, row.id);
  if (existing === undefined) throw new Error(`capture ${row.id} conflicted on insert but cannot be read`);
  const capture = captureFromRow(existing);
  // A retry is the same body from the same person; anything else reusing the id is a conflict.
  const sameUpload = existing.input_hash === row.input_hash && existing.reporter_id === row.reporter_id;
  return { status: sameUpload ? 'existing' : 'conflict', capture };
}

import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { DraftDetails } from '../capture/details';
import type { PageInfo } from '../page/page-info';
import type { ParsedCaptureInput, ScreenshotContentType } from '#shared/capture';
import type { Environment } from '#shared/environment';

/** Image bytes as stored. ArrayBuffers rather than Blobs: they clone the same in every browser. */
export interface StoredImage {
  bytes: ArrayBuffer;
  contentType: ScreenshotContentType;
}

export type DraftKind = 'screenshot' | 'clip';

/** An area of the screenshot that looked sensitive when it was captured (fractions 0..1 of the image). */
export interface RedactionSuggestion {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Why it was flagged, shown to the user: "password field", "payment card field", … */
  reason: string;
}

/** A capture the user is still editing. Deleted when it is saved to the outbox or discarded. */
export interface Draft {
  id: string;
  kind: DraftKind;
  page: Pick<PageInfo, 'url' | 'title'>;
  environment: Environment;
  /** When the screen was captured or the text clipped (ISO). */
  createdAt: string;
  quote?: string;
  /** The screenshot as the browser captured it (PNG). */
  image?: StoredImage;
  /** Areas the editor starts with already redacted; the user may remove them. */
  redactionSuggestions?: RedactionSuggestion[];
  /** What the capture flow learned besides the basics: pinned element, full page, clip context… (see capture/details.ts). */
  details?: DraftDetails;
}

/**
 * Where a saved capture stands. `waiting`: due at `nextAttemptAt`. `sending`: a sync run holds it
 * until `nextAttemptAt` (its lease). `sent`: the server acknowledged record and screenshot.
 * `needs-attention`: the server refused it, or the token; only the user can move it on.
 */
export type OutboxState = 'waiting' | 'sending' | 'sent' | 'needs-attention';

/**
 * `unreachable`, `server`, `rate-limited`: retried by themselves. `token`: the server refused the
 * token. `rejected`: the server refused the capture itself, and would again.
 */
export const problemKinds = ['unreachable', 'server', 'rate-limited', 'token', 'rejected'] as const;
export type ProblemKind = (typeof problemKinds)[number];

export interface OutboxProblem {
  kind: ProblemKind;
  /** For people: what happened and what to do about it. */
  reason: string;
  /** The HTTP status, when the server answered. */
  status?: number;
}

/** A saved capture on its way to the server. Its screenshot, if any, is in `screenshots` under the same id. */
export interface OutboxEntry {
  id: string;
  /**
   * The exact body POSTed on every attempt: the server answers a retry with 200 only when it is
   * identical. Declares the screenshot (`input.screenshot`, with its SHA-256) when there is one.
   */
  input: ParsedCaptureInput;
  state: OutboxState;
  /** Attempts so far; the backoff grows with it. */
  attempts: number;
  lastError: OutboxProblem | null;
  /**
   * Epoch ms before which no sync run takes the entry: the end of its backoff while waiting, the
   * expiry of its lease while sending (so an entry whose worker died becomes due again by itself).
   */
  nextAttemptAt: number;
  /** Which run holds the entry while it is `sending`; a run only records outcomes for entries it still holds. */
  leaseId: string | null;
  /** The server has the record (POST answered 200/201); only the screenshot may still be missing. */
  recordAccepted: boolean;
  screenshot: { contentType: ScreenshotContentType; bytes: number } | null;
  savedAt: number;
  sentAt: number | null;
}

export interface StoredScreenshot extends StoredImage {
  id: string;
}

export interface SnagDbSchema extends DBSchema {
  drafts: { key: string; value: Draft };
  outbox: {
    key: string;
    value: OutboxEntry;
    indexes: { 'by-state': OutboxState; 'by-due': [OutboxState, number] };
  };
  screenshots: { key: string; value: StoredScreenshot };
}

export type SnagDb = IDBPDatabase<SnagDbSchema>;

export type Migration = (
  db: SnagDb,
  transaction: IDBPTransaction<SnagDbSchema, StoreNames<SnagDbSchema>[], 'versionchange'>,
) => void | Promise<void>;

/**
 * One function per database version, in order: `migrations[n]` upgrades version n to n + 1.
 * Append to this list; never change an entry that has shipped. A step may be async, awaiting
 * only requests of the upgrade transaction (anything else would let the transaction commit).
 */
export const migrations: readonly Migration[] = [
  (db) => {
    db.createObjectStore('drafts', { keyPath: 'id' });
    const outbox = db.createObjectStore('outbox', { keyPath: 'id' });
    outbox.createIndex('by-state', 'state');
    // Apart from the entries, so listing the outbox never loads images.
    db.createObjectStore('screenshots', { keyPath: 'id' });
  },
  // v2: leases instead of a bare `sending` flag, `failed` renamed `needs-attention`, and an index
  // that answers "what is due now" without reading the whole outbox.
  async (_db, transaction) => {
    const outbox = transaction.objectStore('outbox');
    outbox.createIndex('by-due', ['state', 'nextAttemptAt']);
    for (let cursor = await outbox.openCursor(); cursor; cursor = await cursor.continue()) {
      const entry = cursor.value;
      const state: string = entry.state;
      await cursor.update({
        ...entry,
        state: state === 'failed' ? 'needs-attention' : entry.state,
        // A v1 `sending` entry was left by a run that is gone: due at once.
        nextAttemptAt: entry.state === 'sending' ? 0 : entry.nextAttemptAt,
        leaseId: null,
      });
    }
  },
];

export const DB_NAME = 'snag';
export const DB_VERSION = migrations.length;

/** Open (creating or upgrading as needed). `steps` is for tests; the extension uses `migrations`. */
export async function openSnagDb(name = DB_NAME, steps: readonly Migration[] = migrations): Promise<SnagDb> {
  let db: SnagDb;
  try {
    db = await openDB<SnagDbSchema>(name, steps.length, {
      upgrade(database, oldVersion, _newVersion, transaction) {
        // One step after the other; a failing step aborts the upgrade, leaving the old version intact.
        const upgrade = async () => {
          for (const migrate of steps.slice(oldVersion)) await migrate(database, transaction);
        };
        upgrade().catch((error: unknown) => {
          console.error('Snag: upgrading the database failed', error);
          // openDB rejects with the abort; nobody else waits for this transaction.
          transaction.done.catch(() => undefined);
          try {
            transaction.abort();
          } catch {
            // Already aborted by the request that failed.
          }
        });
      },
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'VersionError') {
      throw new Error(
        "Snag's saved data was written by a newer version of the extension: update Snag to read it.",
        { cause: error },
      );
    }
    throw error;
  }
  // Another context (a newer extension version) wants to upgrade: let go rather than block it.
  db.addEventListener('versionchange', () => db.close());
  return db;
}

/** Open the database for one piece of work and close it afterwards; nothing is kept open between events. */
export async function withSnagDb<T>(run: (db: SnagDb) => Promise<T>, name = DB_NAME): Promise<T> {
  const db = await openSnagDb(name);
  try {
    return await run(db);
  } finally {
    db.close();
  }
}

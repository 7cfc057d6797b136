import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { PageInfo } from './page-info';
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
}

export type OutboxState = 'waiting' | 'sending' | 'sent' | 'failed';

export type ProblemKind = 'unreachable' | 'server' | 'rate-limited' | 'token' | 'rejected';

export interface OutboxProblem {
  kind: ProblemKind;
  reason: string;
}

/** A saved capture on its way to the server. Its screenshot, if any, is in `screenshots` under the same id. */
export interface OutboxEntry {
  id: string;
  input: ParsedCaptureInput;
  state: OutboxState;
  attempts: number;
  lastError: OutboxProblem | null;
  /** Epoch ms; the entry is not tried before then. */
  nextAttemptAt: number;
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
  outbox: { key: string; value: OutboxEntry; indexes: { 'by-state': OutboxState } };
  screenshots: { key: string; value: StoredScreenshot };
}

export type SnagDb = IDBPDatabase<SnagDbSchema>;

export type Migration = (
  db: SnagDb,
  transaction: IDBPTransaction<SnagDbSchema, StoreNames<SnagDbSchema>[], 'versionchange'>,
) => void;

/**
 * One function per database version, in order: `migrations[n]` upgrades version n to n + 1.
 * Append to this list; never change an entry that has shipped.
 */
export const migrations: readonly Migration[] = [
  (db) => {
    db.createObjectStore('drafts', { keyPath: 'id' });
    const outbox = db.createObjectStore('outbox', { keyPath: 'id' });
    outbox.createIndex('by-state', 'state');
    // Apart from the entries, so listing the outbox never loads images.
    db.createObjectStore('screenshots', { keyPath: 'id' });
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
        for (const migrate of steps.slice(oldVersion)) migrate(database, transaction);
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

import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Draft, StoredImage } from '../capture/draft';
import type { OutboxEntry, OutboxState } from './model';

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

import { openDB, unwrap } from 'idb';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, migrations, openSnagDb, withSnagDb, type Migration } from '@/lib/db';
import { screenshotDraft } from './helpers';

const uniqueName = () => `snag-db-test-${crypto.randomUUID()}`;

describe('openSnagDb', () => {
  it('creates every store and index on a fresh install', async () => {
    const db = await openSnagDb(uniqueName());
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['drafts', 'outbox', 'screenshots']);
    expect([...db.transaction('outbox').store.indexNames]).toEqual(['by-state']);
    db.close();
  });

  it('has one migration per version', () => {
    expect(migrations).toHaveLength(DB_VERSION);
  });

  it('keeps the data when opened again', async () => {
    const name = uniqueName();
    const draft = screenshotDraft();
    await withSnagDb((db) => db.put('drafts', draft), name);
    const again = await withSnagDb((db) => db.get('drafts', draft.id), name);
    expect(again).toEqual(draft);
    expect(new Uint8Array(again?.image?.bytes ?? new ArrayBuffer(0))).toEqual(new Uint8Array(draft.image?.bytes ?? new ArrayBuffer(0)));
  });

  it('upgrades an older database by running only the migrations it lacks, keeping its data', async () => {
    const name = uniqueName();
    const draft = screenshotDraft();
    const [first] = migrations;
    if (!first) throw new Error('no migrations');
    const v1 = await openSnagDb(name, [first]);
    await v1.put('drafts', draft);
    v1.close();

    // A later version adds an index (through the raw transaction: the schema type doesn't know it).
    // Running the first migration again would throw, as its stores exist.
    const addIndex: Migration = (_db, transaction) => {
      unwrap(transaction).objectStore('drafts').createIndex('by-kind', 'kind');
    };
    const v2 = await openSnagDb(name, [first, addIndex]);
    expect(v2.version).toBe(2);
    expect([...v2.transaction('drafts').store.indexNames]).toEqual(['by-kind']);
    await expect(v2.get('drafts', draft.id)).resolves.toEqual(draft);
    v2.close();
  });

  it('says what to do when the data was written by a newer extension', async () => {
    const name = uniqueName();
    (await openDB(name, DB_VERSION + 1)).close();
    await expect(openSnagDb(name)).rejects.toThrow('written by a newer version of the extension');
  });

  it('closes the database after the work, even when the work fails', async () => {
    const name = uniqueName();
    let opened: { close: () => void } | undefined;
    await expect(
      withSnagDb(async (db) => {
        opened = db;
        throw new Error('boom');
      }, name),
    ).rejects.toThrow('boom');
    // A closed connection no longer blocks an upgrade from another context.
    expect(opened).toBeDefined();
    (await openDB(name, DB_VERSION + 1)).close();
  });
});

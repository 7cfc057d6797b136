import { openDB, unwrap } from 'idb';
import { describe, expect, it, vi } from 'vitest';
import { DB_VERSION, migrations, openSnagDb, withSnagDb, type Migration } from '@/lib/outbox/database';
import { sampleInput, screenshotDraft } from '../helpers';

const uniqueName = () => `snag-db-test-${crypto.randomUUID()}`;

describe('openSnagDb', () => {
  it('creates every store and index on a fresh install', async () => {
    const db = await openSnagDb(uniqueName());
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['drafts', 'outbox', 'screenshots']);
    expect([...db.transaction('outbox').store.indexNames].sort()).toEqual(['by-due', 'by-state']);
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

  it('v1 → v2: leases instead of a bare flag, "failed" renamed "needs-attention", an index of what is due', async () => {
    const name = uniqueName();
    const [first] = migrations;
    if (!first) throw new Error('no migrations');
    (await openSnagDb(name, [first])).close();
    // Entries as version 1 wrote them, through the raw API: the schema type knows only version 2.
    const v1 = await openDB(name, 1);
    const base = { input: sampleInput(), attempts: 2, lastError: null, recordAccepted: false, screenshot: null, savedAt: 5, sentAt: null };
    await v1.put('outbox', { ...base, id: 'failed', state: 'failed', nextAttemptAt: 900, lastError: { kind: 'rejected', reason: 'no' } });
    await v1.put('outbox', { ...base, id: 'sending', state: 'sending', nextAttemptAt: 900 });
    await v1.put('outbox', { ...base, id: 'waiting', state: 'waiting', nextAttemptAt: 900 });
    await v1.put('outbox', { ...base, id: 'sent', state: 'sent', nextAttemptAt: 900, sentAt: 7 });
    v1.close();

    const v2 = await openSnagDb(name);
    expect(v2.version).toBe(2);
    expect(await v2.get('outbox', 'failed')).toEqual({
      ...base,
      id: 'failed',
      state: 'needs-attention',
      nextAttemptAt: 900,
      leaseId: null,
      lastError: { kind: 'rejected', reason: 'no' },
    });
    // Left by a run of the old version, which is gone: due at once.
    expect(await v2.get('outbox', 'sending')).toMatchObject({ state: 'sending', nextAttemptAt: 0, leaseId: null });
    expect(await v2.get('outbox', 'waiting')).toMatchObject({ state: 'waiting', nextAttemptAt: 900, leaseId: null });
    expect(await v2.get('outbox', 'sent')).toMatchObject({ state: 'sent', sentAt: 7, leaseId: null });
    expect(await v2.getAllKeysFromIndex('outbox', 'by-due')).toEqual(['failed', 'sending', 'sent', 'waiting']);
    v2.close();
  });

  it('a failing upgrade step leaves the database at its old version, data intact', async () => {
    const name = uniqueName();
    const [first] = migrations;
    if (!first) throw new Error('no migrations');
    const v1 = await openSnagDb(name, [first]);
    const draft = screenshotDraft();
    await v1.put('drafts', draft);
    v1.close();

    const broken: Migration = async (_db, transaction) => {
      await transaction.objectStore('drafts').clear();
      throw new Error('step failed halfway');
    };
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(openSnagDb(name, [first, broken])).rejects.toThrow();
    expect(logged).toHaveBeenCalledWith('Snag: upgrading the database failed', new Error('step failed halfway'));
    logged.mockRestore();
    const again = await openSnagDb(name, [first]);
    expect(again.version).toBe(1);
    expect(await again.get('drafts', draft.id)).toEqual(draft);
    again.close();
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

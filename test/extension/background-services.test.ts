import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackgroundServices } from '@/lib/background-services';
import { DB_NAME, withSnagDb } from '@/lib/outbox/database';
import { type OutboxEntry } from '@/lib/outbox/model';
import { putDraft } from '@/lib/capture/draft-store';
import { listOutbox, saveDraftToOutbox, updateEntry } from '@/lib/outbox/queue';
import { SYNC_ALARM } from '@/lib/outbox/sync-schedule';
import { clipDraft, memoryLock, sampleInput } from './helpers';

// The glue between browser events and the outbox: the badge and the alarm follow every change, new
// settings requeue what the token held back, and no event handler ever rejects.

/** The background as the browser builds it, with a network that is never reached (no server is set). */
function services() {
  const lock = memoryLock();
  return createBackgroundServices(browser, {
    fetch: async () => {
      throw new Error('no request is expected: no server is configured');
    },
    locks: { request: (_name, task) => lock(task) },
  });
}

async function saveClip(): Promise<OutboxEntry> {
  return withSnagDb(async (db) => {
    const draft = clipDraft();
    await putDraft(db, draft);
    const saved = await saveDraftToOutbox(db, {
      draftId: draft.id,
      input: sampleInput({ kind: 'clip', quote: 'Export is disabled' }),
      image: null,
      now: Date.now(),
    });
    if (!saved.ok) throw new Error(saved.reason);
    return saved.value;
  });
}

const heldForToken = (entry: OutboxEntry): OutboxEntry => ({
  ...entry,
  state: 'needs-attention',
  lastError: { kind: 'token', status: 401, reason: 'The server rejected the token: paste a valid one' },
});

describe('background services', () => {
  // Handlers log their failures rather than reject: a log is how a failure shows here.
  let logged: MockInstance<typeof console.error>;

  beforeEach(async () => {
    logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    fakeBrowser.reset();
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(DB_NAME);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    });
  });

  afterEach(() => logged.mockRestore());

  it('shows what is unsent on the badge and wakes up for it, even with nothing to send it to', async () => {
    const background = services();
    await saveClip();
    await background.sync();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
    expect(await fakeBrowser.action.getTitle({})).toBe('Snag: 1 waiting to be sent');
    expect(await fakeBrowser.alarms.get(SYNC_ALARM)).toMatchObject({ periodInMinutes: 1 });
    expect(logged).not.toHaveBeenCalled();
  });

  it('clears the badge when a capture is discarded, and answers the new status', async () => {
    const background = services();
    const entry = await saveClip();
    await withSnagDb((db) => updateEntry(db, entry.id, heldForToken));
    await background.sync();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');

    await expect(background.handlers.discardCapture({ id: entry.id })).resolves.toMatchObject({
      ok: true,
      value: { needsAttention: 0, waiting: 0 },
    });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    expect(await withSnagDb(listOutbox)).toEqual([]);
    expect(logged).not.toHaveBeenCalled();
  });

  it('requeues what the token held back when the settings change, and nothing for other changes', async () => {
    const background = services();
    const entry = await saveClip();
    await withSnagDb((db) => updateEntry(db, entry.id, heldForToken));

    await background.onStorageChanged({ privacy: { newValue: {} } }, 'local');
    expect((await withSnagDb(listOutbox))[0]).toMatchObject({ state: 'needs-attention' });

    await background.onStorageChanged({ settings: { newValue: { serverUrl: '', token: '' } } }, 'local');
    expect((await withSnagDb(listOutbox))[0]).toMatchObject({ state: 'waiting', attempts: 0 });
    expect(logged).not.toHaveBeenCalled();
  });

  it('still syncs at start when another part of the set-up fails, and never rejects', async () => {
    const background = services();
    await saveClip();
    // The fake browser has no context menus: that step fails, the others go on.
    await expect(background.setUp()).resolves.toBeDefined();
    expect(logged.mock.calls.map(([message]) => String(message))).toEqual([
      expect.stringContaining('Snag: creating the menu failed'),
    ]);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
  });

  it('registers the diagnostics collector again at install and update, with the script that marks pages', async () => {
    await fakeBrowser.storage.local.set({ diagnosticsSites: ['https://app.example.com'] });
    vi.spyOn(fakeBrowser.permissions, 'getAll').mockResolvedValue({ origins: ['https://app.example.com/*'] });
    // What an older version registered: the collector alone.
    vi.spyOn(fakeBrowser.scripting, 'getRegisteredContentScripts').mockResolvedValue([
      { id: 'snag-diagnostics', matches: ['https://app.example.com/*'], js: ['diagnostics-main.js'] },
    ]);
    const unregister = vi.spyOn(fakeBrowser.scripting, 'unregisterContentScripts').mockResolvedValue(undefined);
    const register = vi.spyOn(fakeBrowser.scripting, 'registerContentScripts').mockResolvedValue(undefined);
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ manifest_version: 3, name: 'Snag', version: '0.1.0' });
    await services().setUp();
    expect(unregister).toHaveBeenCalledWith({ ids: ['snag-diagnostics'] });
    expect(register).toHaveBeenCalledWith([
      expect.objectContaining({ id: 'snag-diagnostics', world: 'MAIN' }),
      expect.objectContaining({ id: 'snag-diagnostics-mark', js: ['content-scripts/diagnostics-bridge.js'] }),
    ]);
  });
});

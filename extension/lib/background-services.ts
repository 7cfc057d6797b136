import { uuidv7 } from 'uuidv7';
import type { Browser, WxtBrowser } from 'wxt/browser';
import type { FetchLike } from './api-client';
import type { CaptureDeps } from './capture-context';
import { captureScreen } from './capture-screen';
import { clipSelection } from './clip-selection';
import { testConnection } from './connection-test';
import { withSnagDb, type SnagDb } from './db';
import { discardStaleDrafts } from './drafts';
import { identifyBrowser, osName, type SystemInfo } from './environment';
import type { BackgroundHandlers, OutboxStatus } from './messages';
import { listOutbox, requeueUnsent, summarizeOutbox } from './outbox';
import { errorMessage, ok, type Result } from './result';
import { isConfigured, readSettings, settingsStore } from './settings';
import { syncOutbox } from './sync';
import { webLock } from './sync-lock';
import { browserTabAccess, toTargetTab } from './tab-access';

export const SYNC_ALARM = 'snag-sync';
export const CLIP_MENU_ID = 'clip-selection';
export const CAPTURE_COMMAND = 'capture-screen';
const STALE_DRAFT_MS = 7 * 24 * 60 * 60_000;

/**
 * The background's services, built from the real browser. The background's `main()` only wires
 * them to events; every event handler here settles (it logs its failure rather than rejecting).
 */
export function createBackgroundServices(api: WxtBrowser) {
  const now = () => Date.now();
  // Called as a plain function: `fetch` refuses to run with any other `this` than the global.
  const fetchFromServer: FetchLike = (url, init) => fetch(url, init);

  const systemInfo = async (): Promise<SystemInfo> => ({
    browser: await identifyBrowser(navigator),
    os: osName((await api.runtime.getPlatformInfo()).os),
    extensionVersion: api.runtime.getManifest().version,
  });

  const captureDeps = (db: SnagDb): CaptureDeps => ({
    db,
    tabs: browserTabAccess(api),
    systemInfo,
    now,
    newId: uuidv7,
    extensionOrigin: location.origin,
  });

  const sync = (db: SnagDb) =>
    syncOutbox({ db, fetch: fetchFromServer, now, settings: () => readSettings(settingsStore), lock: webLock(navigator.locks) });

  async function outboxStatus(db: SnagDb): Promise<OutboxStatus> {
    const settings = await readSettings(settingsStore);
    return {
      configured: settings.ok && isConfigured(settings.value),
      settingsProblem: settings.ok ? null : settings.reason,
      ...summarizeOutbox(await listOutbox(db)),
    };
  }

  /** Without a page of its own to show it, a failed capture says why on the toolbar button. */
  async function showOnButton(result: Result<unknown>): Promise<void> {
    const button = api.action ?? api.browserAction;
    await button.setBadgeText({ text: result.ok ? '' : '!' });
    await button.setTitle({ title: result.ok ? 'Snag' : `Snag: ${result.reason}` });
  }

  const settle =
    <A extends unknown[]>(what: string, task: (...args: A) => Promise<unknown>) =>
    async (...args: A): Promise<void> => {
      try {
        await task(...args);
      } catch (error) {
        console.error(`Snag: ${what} failed: ${errorMessage(error)}`, error);
      }
    };

  const handlers: BackgroundHandlers = {
    captureScreen: () => withSnagDb((db) => captureScreen(captureDeps(db))),
    clipSelection: () => withSnagDb((db) => clipSelection(captureDeps(db))),
    syncNow: ({ retryAll }) =>
      withSnagDb(async (db) => {
        if (retryAll) await requeueUnsent(db, now());
        await sync(db);
        return ok(await outboxStatus(db));
      }),
    getOutboxStatus: () => withSnagDb(async (db) => ok(await outboxStatus(db))),
    testConnection: (target) => testConnection({ fetch: fetchFromServer, now }, target),
  };

  return {
    handlers,

    /** Install, update and browser start: menus and alarms may be gone, drafts may be stale. */
    setUp: settle('setting up', async () => {
      await api.contextMenus.removeAll();
      api.contextMenus.create({ id: CLIP_MENU_ID, title: 'Clip selection', contexts: ['selection'] });
      if (!(await api.alarms.get(SYNC_ALARM))) await api.alarms.create(SYNC_ALARM, { periodInMinutes: 1 });
      await withSnagDb(async (db) => {
        await discardStaleDrafts(db, now() - STALE_DRAFT_MS);
        await sync(db);
      });
    }),

    sync: settle('sync', () => withSnagDb(sync)),

    onAlarm: settle('scheduled sync', async (alarm: Browser.alarms.Alarm) => {
      if (alarm.name === SYNC_ALARM) await withSnagDb(sync);
    }),

    onCommand: settle('capture from the shortcut', async (command: string) => {
      if (command !== CAPTURE_COMMAND) return;
      await showOnButton(await withSnagDb((db) => captureScreen(captureDeps(db))));
    }),

    onMenuClicked: settle('clip from the menu', async (info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab) => {
      if (info.menuItemId !== CLIP_MENU_ID) return;
      const from = { tab: toTargetTab(tab), selectionText: info.selectionText };
      await showOnButton(await withSnagDb((db) => clipSelection(captureDeps(db), from)));
    }),
  };
}

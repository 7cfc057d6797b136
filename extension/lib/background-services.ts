import { uuidv7 } from 'uuidv7';
import type { Browser, WxtBrowser } from 'wxt/browser';
import type { FetchLike } from './api/client';
import { badgeFor } from './outbox/badge';
import type { CaptureDeps } from './capture/context';
import { captureFullPage } from './capture/full-page/capture';
import { fullPageRuns } from './capture/full-page/runs';
import { captureScreen } from './capture/screen';
import { clipSelection } from './capture/clip';
import { testConnection } from './api/connection-test';
import { diagnosticsSitesStore, readDiagnosticsSites, syncDiagnosticsScripts } from './settings/diagnostics-sites';
import { withSnagDb, type SnagDb } from './outbox/database';
import { deviceName } from './pairing/device-name';
import { discardStaleDrafts } from './capture/draft-store';
import { identifyBrowser, osName, type SystemInfo } from './capture/environment';
import type { BackgroundHandlers, OutboxStatus } from './messages';
import { discardEntry, heldForToken, listOutbox, pendingOverview, requeueEntry, requeueUnsent } from './outbox/queue';
import { summarizeOutbox } from './outbox/summary';
import { advancePairing, cancelPairing, isPending, startPairing, type PairingDeps } from './pairing/pairing';
import type { PairingStatus } from './pairing/status';
import { browserPairingStore } from './pairing/store';
import { ensurePersistentStorage } from './outbox/persistent-storage';
import { PIN_CANCELLED, pinElement } from './capture/pin';
import { errorMessage, fail, ok, type Result } from './result';
import { isConfigured, readSettings, settingsStore } from './settings/connection';
import { syncOutbox, type ServerAccess } from './outbox/sync';
import { webLock, type LockRequester, type SyncLock } from './outbox/sync-lock';
import { nextSyncAlarm, SYNC_ALARM } from './outbox/sync-schedule';
import { browserTabAccess, toTargetTab } from './capture/tab-access';
import { refreshWorkspaceLists, workspaceListsStore } from './api/workspace-lists';

export const CLIP_MENU_ID = 'clip-selection';
export const CAPTURE_COMMAND = 'capture-screen';
export const FULL_PAGE_COMMAND = 'capture-full-page';
export const PIN_COMMAND = 'pin-element';
export const CLIP_COMMAND = 'clip-selection';
/** Polls a pending pairing while nobody has the options page open (which polls it more often). */
export const PAIRING_ALARM = 'pairing-poll';
const PAIRING_LOCK_NAME = 'snag-pairing';
const STALE_DRAFT_MS = 7 * 24 * 60 * 60_000;
/** Where the WXT item `local:settings` (see settings/connection.ts) lives in `storage.local`. */
const SETTINGS_KEY = 'settings';
const NOT_CONFIGURED = 'Snag has no server or token yet';

/** What the background takes from its global scope; tests hand in their own. */
export interface BackgroundPlatform {
  now: () => number;
  fetch: FetchLike;
  /** `navigator.locks`; missing in some test environments. */
  locks: LockRequester | null | undefined;
}

/**
 * The background's services, built from the real browser. The background's `main()` only wires
 * them to events; every event handler here settles (it logs its failure rather than rejecting).
 */
export function createBackgroundServices(api: WxtBrowser, platform: Partial<BackgroundPlatform> = {}) {
  const {
    now = () => Date.now(),
    // Called as a plain function: `fetch` refuses to run with any other `this` than the global.
    fetch: fetchFromServer = (url, init) => fetch(url, init),
    locks = navigator.locks,
  } = platform;
  // Without Web Locks, runs may overlap; they still never send one entry twice (claims are atomic).
  const lock: SyncLock = locks ? webLock(locks) : (task) => task();
  const pairingLock: SyncLock = locks ? webLock(locks, PAIRING_LOCK_NAME) : (task) => task();

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

  const fullPage = fullPageRuns();
  const fullPageFlow = (deps: CaptureDeps) => fullPage.run((control) => captureFullPage(deps, undefined, control));

  const pairingDeps: PairingDeps = {
    fetch: fetchFromServer,
    now,
    store: browserPairingStore(api.storage),
    settings: settingsStore,
    lock: pairingLock,
    deviceName: () => deviceName(navigator, () => api.runtime.getPlatformInfo()),
  };

  /** The alarm runs while a pairing is pending, and not a moment longer. */
  async function followPairing(status: PairingStatus): Promise<PairingStatus> {
    if (isPending(status)) await api.alarms.create(PAIRING_ALARM, { periodInMinutes: 0.5 });
    else await api.alarms.clear(PAIRING_ALARM);
    return status;
  }

  const serverAccess = async (): Promise<Result<ServerAccess>> => {
    const settings = await readSettings(settingsStore);
    if (!settings.ok) return settings;
    return isConfigured(settings.value) ? ok(settings.value) : fail(NOT_CONFIGURED);
  };

  /**
   * The badge and the next alarm follow the outbox: called after every change to it. A failure is
   * logged, never thrown: a badge that cannot be drawn must not stop an upload.
   */
  async function reflectOutbox(db: SnagDb): Promise<void> {
    try {
      const overview = await pendingOverview(db);
      const badge = badgeFor(overview);
      const button = api.action ?? api.browserAction;
      await Promise.all([
        button.setBadgeText({ text: badge.text }),
        button.setBadgeBackgroundColor({ color: badge.color }),
        button.setTitle({ title: badge.title }),
        api.alarms.create(SYNC_ALARM, nextSyncAlarm(overview, now())),
      ]);
    } catch (error) {
      console.error(`Snag: updating the badge and the sync alarm failed: ${errorMessage(error)}`, error);
    }
  }

  async function sync(db: SnagDb): Promise<void> {
    // The alarm is set before anything is sent, so a worker stopped mid-request is woken up again.
    await reflectOutbox(db);
    await syncOutbox({
      db,
      fetch: fetchFromServer,
      now,
      random: Math.random,
      timeout: (ms) => AbortSignal.timeout(ms),
      server: serverAccess,
      lock,
      onChange: () => reflectOutbox(db),
    });
    await reflectOutbox(db);
    await refreshSuggestions();
  }

  /**
   * The editor's suggestions (workspace tags, recent customers), cached for offline use: asked for
   * at most every few minutes unless `force`. Never fails the sync it follows.
   */
  async function refreshSuggestions(force = false): Promise<void> {
    try {
      const refreshed = await refreshWorkspaceLists(
        { fetch: fetchFromServer, server: serverAccess, store: workspaceListsStore, now },
        { force },
      );
      if (!refreshed.ok && refreshed.reason !== NOT_CONFIGURED) console.warn(`Snag: suggestions not refreshed: ${refreshed.reason}`);
    } catch (error) {
      console.warn(`Snag: suggestions not refreshed: ${errorMessage(error)}`);
    }
  }

  async function outboxStatus(db: SnagDb): Promise<OutboxStatus> {
    const settings = await readSettings(settingsStore);
    return {
      configured: settings.ok && isConfigured(settings.value),
      settingsProblem: settings.ok ? null : settings.reason,
      ...summarizeOutbox(await listOutbox(db), now()),
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
    pinElement: () => withSnagDb((db) => pinElement(captureDeps(db))),
    captureFullPage: () => withSnagDb((db) => fullPageFlow(captureDeps(db))),
    fullPageProgress: async () => ok(fullPage.progress()),
    cancelFullPage: async () => ok({ cancelled: fullPage.cancel() }),
    syncNow: ({ retryAll }) =>
      withSnagDb(async (db) => {
        if (retryAll) await requeueUnsent(db, now());
        await sync(db);
        return ok(await outboxStatus(db));
      }),
    getOutboxStatus: () => withSnagDb(async (db) => ok(await outboxStatus(db))),
    retryCapture: ({ id }) =>
      withSnagDb(async (db) => {
        const requeued = await requeueEntry(db, id, now());
        if (!requeued.ok) return requeued;
        await sync(db);
        return ok(await outboxStatus(db));
      }),
    discardCapture: ({ id }) =>
      withSnagDb(async (db) => {
        const discarded = await discardEntry(db, id, now());
        if (!discarded.ok) return discarded;
        await reflectOutbox(db);
        return ok(await outboxStatus(db));
      }),
    testConnection: (target) => testConnection({ fetch: fetchFromServer, now }, target),
    startPairing: async ({ serverUrl }) => {
      const started = await startPairing(pairingDeps, serverUrl);
      return started.ok ? ok(await followPairing(started.value)) : started;
    },
    pairingStatus: async () => ok(await followPairing(await advancePairing(pairingDeps))),
    cancelPairing: async () => {
      const cancelled = await cancelPairing(pairingDeps);
      return cancelled.ok ? ok(await followPairing(cancelled.value)) : cancelled;
    },
  };

  return {
    handlers,

    /** Install, update and browser start: menus and alarms may be gone, drafts may be stale. */
    setUp: () =>
      // Independent steps: a menu that cannot be made must not keep captures from being sent.
      Promise.all([
        settle('creating the menu', async () => {
          await api.contextMenus.removeAll();
          api.contextMenus.create({ id: CLIP_MENU_ID, title: 'Clip selection', contexts: ['selection'] });
        })(),
        // An update may change how the collector is registered (and the content script marking pages beside it).
        settle('registering the diagnostics collector', async () => {
          const sites = await readDiagnosticsSites(diagnosticsSitesStore);
          // Unreadable sites are left as registered; Options shows why.
          if (sites.ok && sites.value.length > 0) await syncDiagnosticsScripts(api, sites.value);
        })(),
        // Firefox's background is a page and may ask; Chrome's service worker cannot (the popup does).
        settle('asking for persistent storage', () => ensurePersistentStorage(navigator.storage))(),
        settle('syncing at start', () =>
          withSnagDb(async (db) => {
            await discardStaleDrafts(db, now() - STALE_DRAFT_MS);
            await sync(db);
          }),
        )(),
      ]),

    /** The browser is back online, or something else says "try now". */
    sync: settle('sync', () => withSnagDb(sync)),

    onAlarm: settle('scheduled sync', async (alarm: Browser.alarms.Alarm) => {
      if (alarm.name === SYNC_ALARM) await withSnagDb(sync);
      if (alarm.name === PAIRING_ALARM) await followPairing(await advancePairing(pairingDeps));
    }),

    /** New settings may fix what was refused for the token, and may point to a server that is up. */
    onStorageChanged: settle('sync after new settings', async (changes: Record<string, unknown>, area: string) => {
      if (area !== 'local' || !Object.hasOwn(changes, SETTINGS_KEY)) return;
      await withSnagDb(async (db) => {
        await requeueUnsent(db, now(), heldForToken);
        await sync(db);
      });
      // Another server or token: its tag list and customers, not the old one's.
      await refreshSuggestions(true);
    }),

    onCommand: settle('capture from the shortcut', async (command: string) => {
      const flows: Record<string, (deps: CaptureDeps) => Promise<Result<unknown>>> = {
        [CAPTURE_COMMAND]: (deps) => captureScreen(deps),
        [FULL_PAGE_COMMAND]: (deps) => fullPageFlow(deps),
        [PIN_COMMAND]: (deps) => pinElement(deps),
        [CLIP_COMMAND]: (deps) => clipSelection(deps),
      };
      const flow = Object.hasOwn(flows, command) ? flows[command] : undefined;
      if (!flow) return;
      const result = await withSnagDb((db) => flow(captureDeps(db)));
      // Esc in the picker is the user's choice, not a failure to flag on the button.
      await showOnButton(!result.ok && result.reason === PIN_CANCELLED ? ok(null) : result);
    }),

    onMenuClicked: settle('clip from the menu', async (info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab) => {
      if (info.menuItemId !== CLIP_MENU_ID) return;
      const from = { tab: toTargetTab(tab), selectionText: info.selectionText };
      await showOnButton(await withSnagDb((db) => clipSelection(captureDeps(db), from)));
    }),
  };
}

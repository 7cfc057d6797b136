import { errorMessage, fail, ok, type Result } from '../result';
import { DIAGNOSTICS_SITES_MAX, settingsItems } from './items';
import { changeSetting, readSetting, storedValueOf, type StoredValue } from './storage';

/**
 * The sites where the user turned on console and network diagnostics (for QA). Each needs the
 * optional host permission for its origin, asked for when the user turns it on; the collector is
 * registered for exactly the sites that are on and granted, so it runs nowhere else.
 */

export const DIAGNOSTICS_SCRIPT_ID = 'snag-diagnostics';
/** The content script that marks a page as having had the collector from its start (see diagnostics-bridge.content.ts). */
export const DIAGNOSTICS_MARK_ID = 'snag-diagnostics-mark';
const SCRIPT_IDS = [DIAGNOSTICS_SCRIPT_ID, DIAGNOSTICS_MARK_ID];


export type DiagnosticsSitesStore = StoredValue<string[]>;

export const diagnosticsSitesStore: DiagnosticsSitesStore = storedValueOf(settingsItems.diagnosticsSites);

/** The sites; none while nothing is stored, a reason when what is stored does not validate. */
export function readDiagnosticsSites(store: DiagnosticsSitesStore): Promise<Result<string[]>> {
  return readSetting(settingsItems.diagnosticsSites, store);
}

export interface Site {
  /** Scheme and host, without a port: `https://app.example.com`. */
  site: string;
  /** The host permission and content-script match pattern for it (any port). */
  pattern: string;
}

/** A site as typed: a URL or a bare host name; only web pages (http, https) qualify. */
export function parseSite(input: string): Result<Site> {
  const text = input.trim();
  if (text === '') return fail('Enter the site’s address, for example https://app.example.com');
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return fail(`"${text}" is not a web address`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return fail('Diagnostics work on web pages only (http or https)');
  const site = `${url.protocol}//${url.hostname}`;
  return ok({ site, pattern: `${site}/*` });
}

/** The collector's registration (`scripting.RegisteredContentScript`), as this module makes it. */
export interface CollectorScript {
  id: string;
  matches: string[];
  js: string[];
  runAt: 'document_start';
  persistAcrossSessions: boolean;
  world?: 'MAIN';
}

/** What this module uses of `browser`: the real one in Options, a fake in tests. */
export interface DiagnosticsApi {
  permissions: {
    getAll(): Promise<{ origins?: string[] }>;
    request(permissions: { origins: string[] }): Promise<boolean>;
    remove(permissions: { origins: string[] }): Promise<boolean>;
  };
  scripting: {
    getRegisteredContentScripts(filter: { ids: string[] }): Promise<unknown[]>;
    registerContentScripts(scripts: CollectorScript[]): Promise<unknown>;
    updateContentScripts(scripts: CollectorScript[]): Promise<unknown>;
    unregisterContentScripts(filter: { ids: string[] }): Promise<unknown>;
  };
  runtime: { getManifest(): { manifest_version: number } };
}

/**
 * Register the collector for the sites that are on and granted, and nowhere else. Chrome runs it
 * in the page's world directly, with the bridge beside it to mark the page; Firefox (Manifest V2)
 * through the bridge alone, which injects it.
 */
export async function syncDiagnosticsScripts(api: DiagnosticsApi, sites: readonly string[]): Promise<void> {
  const granted = new Set((await api.permissions.getAll()).origins ?? []);
  const matches = sites.map((site) => `${site}/*`).filter((pattern) => granted.has(pattern) || granted.has('<all_urls>'));
  const registered = await api.scripting.getRegisteredContentScripts({ ids: SCRIPT_IDS });
  // Replaced as a whole: the two scripts must cover the same pages, from the same moment.
  if (registered.length > 0) await api.scripting.unregisterContentScripts({ ids: SCRIPT_IDS.filter((id) => registered.some((script) => hasId(script, id))) });
  if (matches.length === 0) return;
  const common = { matches, runAt: 'document_start', persistAcrossSessions: true } as const;
  const bridge: CollectorScript = { id: DIAGNOSTICS_MARK_ID, ...common, js: ['content-scripts/diagnostics-bridge.js'] };
  const mainWorld = api.runtime.getManifest().manifest_version === 3;
  await api.scripting.registerContentScripts(
    mainWorld ? [{ id: DIAGNOSTICS_SCRIPT_ID, ...common, js: ['diagnostics-main.js'], world: 'MAIN' }, bridge] : [bridge],
  );
}

const hasId = (script: unknown, id: string) => typeof script === 'object' && script !== null && Reflect.get(script, 'id') === id;

/**
 * Turn diagnostics on for a site: ask for its host permission first (the browser shows its prompt;
 * call this straight from the click, before anything else is awaited, or the browser refuses).
 */
export async function enableDiagnostics(api: DiagnosticsApi, store: DiagnosticsSitesStore, input: string): Promise<Result<string[]>> {
  const site = parseSite(input);
  if (!site.ok) return site;
  let granted: boolean;
  try {
    granted = await api.permissions.request({ origins: [site.value.pattern] });
  } catch (error) {
    return fail(`The browser did not ask for access to ${site.value.site}: ${errorMessage(error)}`);
  }
  if (!granted) return fail(`Not turned on: Snag needs your permission to run on ${site.value.site}.`);
  // A stored list that does not validate is the user's sites all the same: reported, never overwritten.
  const sites = await changeSetting(settingsItems.diagnosticsSites, store, (known) =>
    [...new Set([...known, site.value.site])].slice(0, DIAGNOSTICS_SITES_MAX),
  );
  if (!sites.ok) return sites;
  try {
    await syncDiagnosticsScripts(api, sites.value);
  } catch (error) {
    return fail(`Turned on, but the collector could not be registered: ${errorMessage(error)}`);
  }
  return sites;
}

/**
 * Replace a stored list that no longer validates with an empty one, when the user asks: its sites
 * can't be read, so their permissions stay granted until removed in the browser's own settings.
 */
export async function startNewDiagnosticsSites(api: DiagnosticsApi, store: DiagnosticsSitesStore): Promise<Result<string[]>> {
  await store.setValue([]);
  try {
    await syncDiagnosticsScripts(api, []);
  } catch (error) {
    return fail(`The list is empty, but the collector could not be removed: ${errorMessage(error)}`);
  }
  return ok([]);
}

/** Turn diagnostics off for a site: stop the collector there and give the permission back. */
export async function disableDiagnostics(api: DiagnosticsApi, store: DiagnosticsSitesStore, site: string): Promise<Result<string[]>> {
  const sites = await changeSetting(settingsItems.diagnosticsSites, store, (known) => known.filter((other) => other !== site));
  if (!sites.ok) return sites;
  try {
    await syncDiagnosticsScripts(api, sites.value);
    await api.permissions.remove({ origins: [`${site}/*`] });
  } catch (error) {
    return fail(`Turned off, but the browser did not let go of it: ${errorMessage(error)}`);
  }
  return sites;
}

import { page as pageSchema } from '#shared/capture';
import type { Environment } from '#shared/environment';
import { toRedactionSuggestions } from './annotations/suggestions';
import type { Draft, RedactionSuggestion, SnagDb } from './db';
import { putDraft, discardDraft } from './drafts';
import { buildEnvironment, type SystemInfo } from './environment';
import { pageInfoSchema } from './page-info';
import { errorMessage, fail, ok, type Result } from './result';
import type { TabAccess, TargetTab } from './tab-access';

/** What both capture flows (screen and clip) depend on. */
export interface CaptureDeps {
  db: SnagDb;
  tabs: TabAccess;
  systemInfo: () => Promise<SystemInfo>;
  /** Epoch ms. */
  now: () => number;
  newId: () => string;
  /** The extension's own origin: its pages are never captured. */
  extensionOrigin: string;
}

export const CANNOT_ACCESS =
  "Snag can't capture this tab. Browsers keep extensions out of their own pages (new tab, settings, add-on stores); " +
  "on a web page, start from Snag's button, menu or shortcut so it may look at the page.";

/** The tab the user is looking at, unless it is one of Snag's own pages. */
export async function findTargetTab(deps: Pick<CaptureDeps, 'tabs' | 'extensionOrigin'>): Promise<Result<TargetTab>> {
  const tab = await deps.tabs.activeTab();
  if (!tab) return fail('There is no tab to capture: switch to the page you want to report on.');
  if (tab.url?.startsWith(deps.extensionOrigin)) {
    return fail('Switch to the page you want to report on first: Snag does not capture its own pages.');
  }
  return ok(tab);
}

export interface CaptureContext {
  page: { url: string; title: string };
  environment: Environment;
  /** The page's selected text (top frame only). */
  selection: string;
  /** Private-looking elements in the viewport, in fractions of a screenshot of it. */
  redactionSuggestions: RedactionSuggestion[];
}

/** Look into the tab (page address, viewport, selection) and describe the environment. */
export async function readCaptureContext(
  deps: Pick<CaptureDeps, 'tabs' | 'systemInfo'>,
  tabId: number,
): Promise<Result<CaptureContext>> {
  let raw: unknown;
  try {
    raw = await deps.tabs.readPage(tabId);
  } catch {
    return fail(CANNOT_ACCESS);
  }
  const info = pageInfoSchema.safeParse(raw);
  if (!info.success) return fail('Snag could not read this page: reload it and try again.');

  const page = pageSchema.safeParse({ url: info.data.url, title: info.data.title.slice(0, 1000) });
  if (!page.success) return fail(`This page's address can't be sent: ${page.error.issues[0]?.message ?? 'invalid'}`);

  const environment = buildEnvironment(info.data, await deps.systemInfo());
  if (!environment.ok) return environment;
  return ok({
    page: page.data,
    environment: environment.value,
    selection: info.data.selection,
    redactionSuggestions: toRedactionSuggestions(info.data.sensitiveAreas ?? [], info.data.viewport),
  });
}

/** Store the draft and open the editor on it, next to the captured tab. */
export async function openDraftInEditor(
  deps: Pick<CaptureDeps, 'db' | 'tabs'>,
  draft: Draft,
  tab: TargetTab,
): Promise<Result<{ draftId: string }>> {
  await putDraft(deps.db, draft);
  try {
    await deps.tabs.openEditor(draft.id, tab);
  } catch (error) {
    await discardDraft(deps.db, draft.id);
    return fail(`Snag could not open its editor: ${errorMessage(error)}`);
  }
  return ok({ draftId: draft.id });
}

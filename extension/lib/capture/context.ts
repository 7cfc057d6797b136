import { z } from 'zod';
import { page as pageSchema, type Diagnostics } from '#shared/capture';
import { visibleDataKinds, type VisibleDataKind } from '#shared/pii';
import type { Environment } from '#shared/environment';
import { toRedactionSuggestions } from '../annotations/suggestions';
import type { Draft, DraftDetails, RedactionSuggestion } from './draft';
import { readCaptureSettings, type CaptureSettings } from '../settings/capture-settings';
import { customerFromRules, selectorsToRead } from '../settings/customer-rules';
import type { SnagDb } from '../outbox/database';
import { putDraft, discardDraft } from './draft-store';
import { buildEnvironment, type SystemInfo } from './environment';
import { diagnosticsFromPage } from '../page/diagnostics-reader';
import { pageInfoSchema, sensitiveAreaSchema, type PageInfo, type PageInfoRequest, type SensitiveArea } from '../page/page-info';
import { ALL_SHOWN, type ShownDataOptions } from '../settings/items';
import { shownAreaKinds, VISIBLE_DATA_MAX } from '../page/visible-data';
import { errorMessage, fail, ok, type Result } from '../result';
import type { TabAccess, TargetTab } from './tab-access';

/** What every capture flow (screen, full page, pin, clip) depends on. */
export interface CaptureDeps {
  db: SnagDb;
  tabs: TabAccess;
  systemInfo: () => Promise<SystemInfo>;
  /** Epoch ms. */
  now: () => number;
  newId: () => string;
  /** The extension's own origin: its pages are never captured. */
  extensionOrigin: string;
  /** Options that shape a capture (private selectors, customer rules); from storage when not given. */
  captureSettings?: () => Promise<CaptureSettings>;
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

/** The page's geometry when it was read, in CSS pixels. */
export interface PageLayout {
  viewport: { width: number; height: number };
  /** The viewport without scrollbars. */
  clientSize: { width: number; height: number };
  documentSize: { width: number; height: number };
  scroll: { x: number; y: number };
}

export interface CaptureContext {
  page: { url: string; title: string };
  environment: Environment;
  /** The page's selected text (top frame only). */
  selection: string;
  /** Private-looking elements in the viewport, in fractions of a screenshot of it. */
  redactionSuggestions: RedactionSuggestion[];
  /** The same elements as the page measured them: in the viewport, or in the document for `scope: 'document'`. */
  sensitiveAreas: SensitiveArea[];
  layout: PageLayout;
  /** For the draft: the customer a rule found, the page's diagnostics, the selection's context. */
  details: DraftDetails;
}

export interface ReadContextOptions {
  /** The tab's address as the browser knows it: which customer rules to look for on the page. */
  url?: string | undefined;
  /** `document`: private elements anywhere on the page, for a full-page screenshot. */
  scope?: PageInfoRequest['scope'];
  /** False for captures without a screenshot (clips): no boxes over personal data are needed. */
  screenshot?: boolean;
}

function layoutOf(info: PageInfo): PageLayout {
  return {
    viewport: info.viewport,
    clientSize: info.clientSize ?? info.viewport,
    documentSize: info.documentSize ?? info.viewport,
    scroll: info.scroll ?? { x: 0, y: 0 },
  };
}

/** Look into the tab (page address, viewport, selection, private elements…) and describe the environment. */
export async function readCaptureContext(
  deps: Pick<CaptureDeps, 'tabs' | 'systemInfo' | 'captureSettings' | 'now'>,
  tabId: number,
  options: ReadContextOptions = {},
): Promise<Result<CaptureContext>> {
  const settings = await (deps.captureSettings ?? readCaptureSettings)();
  const request: PageInfoRequest = {
    ...(options.scope === 'document' ? { scope: 'document' } : {}),
    ...(settings.customerRules.length > 0 ? { customerSelectors: selectorsToRead(settings.customerRules, options.url) } : {}),
  };
  const asksMore = settings.privateSelectors.length > 0 || Object.keys(request).length > 0;

  let raw: unknown;
  try {
    raw = await (asksMore ? deps.tabs.readPage(tabId, settings.privateSelectors, request) : deps.tabs.readPage(tabId));
  } catch {
    return fail(CANNOT_ACCESS);
  }
  const info = pageInfoSchema.safeParse(raw);
  if (!info.success) return fail('Snag could not read this page: reload it and try again.');

  const page = pageSchema.safeParse({ url: info.data.url, title: info.data.title.slice(0, 1000) });
  if (!page.success) return fail(`This page's address can't be sent: ${page.error.issues[0]?.message ?? 'invalid'}`);

  const zoom = await deps.tabs.zoom?.(tabId).catch(() => undefined);
  const environment = buildEnvironment(info.data, await deps.systemInfo(), zoom);
  if (!environment.ok) return environment;

  // A full page is looked at section by section, as it is scrolled (see full-page/capture.ts).
  let shown: SensitiveArea[] = [];
  if (options.scope !== 'document' && options.screenshot !== false) {
    const read = await readShownData(deps.tabs, tabId, settings.redactShown ?? ALL_SHOWN);
    if (!read.ok) return read;
    shown = read.value;
  }
  const sensitiveAreas = [...(info.data.sensitiveAreas ?? []), ...shown];
  const customer = customerFromRules(settings.customerRules, info.data.url, info.data.customerTexts ?? []);
  const diagnostics = await readDiagnostics(deps, tabId, info.data, settings.diagnosticsSites ?? []);
  const context = info.data.selectionContext;
  const details: DraftDetails = {
    ...(customer ? { customer: customer.customer, customerRule: customer.rule } : {}),
    ...(diagnostics ? { diagnostics } : {}),
    ...(context ? { quoteContext: { prefix: context.prefix, suffix: context.suffix }, quoteUnique: context.occurrences === 1 } : {}),
  };
  return ok({
    page: page.data,
    environment: environment.value,
    selection: info.data.selection,
    redactionSuggestions: options.scope === 'document' ? [] : toRedactionSuggestions(sensitiveAreas, info.data.viewport),
    sensitiveAreas,
    layout: layoutOf(info.data),
    details,
  });
}

const shownDataSchema = z.array(sensitiveAreaSchema).max(VISIBLE_DATA_MAX);
const shownKinds: ReadonlyMap<string, VisibleDataKind> = new Map(visibleDataKinds.map((kind) => [shownAreaKinds[kind], kind]));

/**
 * Boxes (viewport CSS px) over the emails, phone numbers and card numbers the tab shows, of the
 * kinds switched on. Failing closed: a page Snag could read but not search for them is not captured.
 */
export async function readShownData(
  tabs: Pick<TabAccess, 'readVisibleData'>,
  tabId: number,
  kinds: ShownDataOptions,
): Promise<Result<SensitiveArea[]>> {
  if (!visibleDataKinds.some((kind) => kinds[kind])) return ok([]);
  let raw: unknown;
  try {
    raw = await tabs.readVisibleData(tabId);
  } catch (error) {
    return fail(`${SHOWN_DATA_FAILED} (${errorMessage(error)})`);
  }
  const parsed = shownDataSchema.safeParse(raw);
  if (!parsed.success) return fail(SHOWN_DATA_FAILED);
  return ok(parsed.data.filter((area) => {
    const kind = shownKinds.get(area.kind);
    return kind !== undefined && kinds[kind];
  }));
}

const SHOWN_DATA_FAILED =
  'Snag could not look for emails, phone numbers and card numbers on this page, so it did not capture it. ' +
  'Reload the page and try again, or switch that redaction off in Options → Privacy';

/** `https://app.example.com`: a page's site as Options store it for diagnostics (any port). */
function siteOf(url: string): string | undefined {
  try {
    const { protocol, hostname } = new URL(url);
    return `${protocol}//${hostname}`;
  } catch {
    return undefined;
  }
}

/**
 * The page's console errors and failed requests, asked for only where the user turned diagnostics
 * on and Snag's collector has been in the page from its start (else the page could answer itself).
 */
async function readDiagnostics(
  deps: Pick<CaptureDeps, 'tabs' | 'now'>,
  tabId: number,
  info: PageInfo,
  sites: readonly string[],
): Promise<Diagnostics | undefined> {
  const site = siteOf(info.url);
  if (site === undefined || !sites.includes(site) || info.collectorFromStart !== true || !deps.tabs.readDiagnostics) return undefined;
  const answer = await deps.tabs.readDiagnostics(tabId).catch(() => undefined);
  return diagnosticsFromPage(answer, deps.now());
}

/** Details that belong on every kind of draft: who the customer is, what the page logged. */
export function commonDetails(details: DraftDetails): DraftDetails {
  const { customer, customerRule, diagnostics } = details;
  return {
    ...(customer === undefined ? {} : { customer }),
    ...(customerRule === undefined ? {} : { customerRule }),
    ...(diagnostics === undefined ? {} : { diagnostics }),
  };
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

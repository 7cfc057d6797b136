import type { Browser, WxtBrowser } from 'wxt/browser';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';
import { editorUrl } from './draft-store';
import { readCollectorAnswer } from '../page/diagnostics-reader';
import { readPageInfo, type PageInfoRequest } from '../page/page-info';

/** Where WXT builds `entrypoints/visible-data.content.ts` (see page/visible-data.ts). */
export const VISIBLE_DATA_SCRIPT: ScriptPublicPath = '/content-scripts/visible-data.js';

export interface TargetTab {
  id: number;
  windowId: number;
  index?: number;
  url?: string;
}

/** What the capture flows need from the browser's tabs, behind an interface tests can fake. */
export interface TabAccess {
  /** The active tab of the last focused window: the page the user is looking at. */
  activeTab(): Promise<TargetTab | undefined>;
  /** The visible part of the window's active tab, as a PNG `data:` URL. */
  captureVisible(windowId: number): Promise<string>;
  /** `readPageInfo` run in the tab; its result is unchecked. */
  readPage(tabId: number, privateSelectors?: readonly string[], request?: PageInfoRequest): Promise<unknown>;
  /** `findVisibleData` run in the tab (personal data shown as text, in viewport CSS px); unchecked. */
  readVisibleData(tabId: number): Promise<unknown>;
  openEditor(draftId: string, nextTo: TargetTab): Promise<void>;
  /**
   * The diagnostics collector's answer (`readCollectorAnswer`), unchecked. Only for pages where the
   * user turned diagnostics on and the collector has been there from the start.
   */
  readDiagnostics?(tabId: number): Promise<unknown>;
  /** The tab's zoom factor (1 is 100 %); optional, as not every browser (or test) has `tabs.getZoom`. */
  zoom?(tabId: number): Promise<number>;
}

/** Running Snag's own code in a tab (top frame), for the flows that work inside the page. */
export interface PageScripts {
  /** A self-contained function (executeScript sends only its source) with its arguments; the result is unchecked. */
  run<A extends unknown[]>(tabId: number, func: (...args: A) => unknown, args: A): Promise<unknown>;
  /** A bundled script (a WXT `registration: 'runtime'` content script); answers what its `main` returned, unchecked. */
  runFile(tabId: number, file: ScriptPublicPath): Promise<unknown>;
}

export function browserPageScripts(api: WxtBrowser): PageScripts {
  return {
    async run(tabId, func, args) {
      const [frame] = await api.scripting.executeScript({ target: { tabId }, func, args });
      return frame?.result;
    },
    async runFile(tabId, file) {
      const [frame] = await api.scripting.executeScript({ target: { tabId }, files: [file] });
      return frame?.result;
    },
  };
}

export function toTargetTab(tab: Browser.tabs.Tab | undefined): TargetTab | undefined {
  if (tab?.id === undefined || tab.id < 0) return undefined;
  return {
    id: tab.id,
    windowId: tab.windowId,
    index: tab.index,
    ...(tab.url === undefined ? {} : { url: tab.url }),
  };
}

export function browserTabAccess(api: WxtBrowser): TabAccess {
  return {
    async activeTab() {
      // Never "the current tab": when the popup runs as a tab (end-to-end tests) that is the popup.
      const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
      return toTargetTab(tab);
    },
    captureVisible: (windowId) => api.tabs.captureVisibleTab(windowId, { format: 'png' }),
    async readPage(tabId, privateSelectors = [], request = {}) {
      const [frame] = await api.scripting.executeScript({
        target: { tabId },
        func: readPageInfo,
        args: [[...privateSelectors], { ...request, ...(request.customerSelectors ? { customerSelectors: [...request.customerSelectors] } : {}) }],
      });
      return frame?.result;
    },
    async readVisibleData(tabId) {
      const [frame] = await api.scripting.executeScript({ target: { tabId }, files: [VISIBLE_DATA_SCRIPT] });
      return frame?.result;
    },
    async readDiagnostics(tabId) {
      // Chrome calls the reader in the page's world; Firefox (Manifest V2) reaches it from its content-script world.
      const world = api.runtime.getManifest().manifest_version === 3 ? 'MAIN' : 'ISOLATED';
      const [frame] = await api.scripting.executeScript({ target: { tabId }, world, func: readCollectorAnswer });
      return frame?.result;
    },
    zoom: (tabId) => api.tabs.getZoom(tabId),
    async openEditor(draftId, nextTo) {
      await api.tabs.create({
        url: editorUrl(api.runtime.getURL('/editor.html'), draftId),
        windowId: nextTo.windowId,
        openerTabId: nextTo.id,
        ...(nextTo.index === undefined ? {} : { index: nextTo.index + 1 }),
      });
    },
  };
}

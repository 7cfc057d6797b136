import type { Browser, WxtBrowser } from 'wxt/browser';
import { editorUrl } from './drafts';
import { readPageInfo } from './page-info';

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
  readPage(tabId: number): Promise<unknown>;
  openEditor(draftId: string, nextTo: TargetTab): Promise<void>;
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
    async readPage(tabId) {
      const [frame] = await api.scripting.executeScript({ target: { tabId }, func: readPageInfo });
      return frame?.result;
    },
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

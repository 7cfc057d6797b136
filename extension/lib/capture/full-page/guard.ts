import type { WxtBrowser } from 'wxt/browser';
import type { TargetTab } from '../tab-access';

/**
 * What keeps a full-page capture to one tab, one document and one scroll position: every section
 * is checked against them, and the capture stops with one of these reasons when one changed.
 */

const TRY_AGAIN = 'Nothing was saved; try again and stay on the page until Snag opens its editor.';
export const STOPPED = {
  switched: `You switched to another tab during the full-page capture, so Snag stopped: it captures only the page it started on. ${TRY_AGAIN}`,
  closed: 'The tab was closed during the full-page capture. Nothing was saved.',
  minimized: `The window was minimized during the full-page capture, so Snag stopped. ${TRY_AGAIN}`,
  navigated: `The page changed (it went to another address or reloaded) during the full-page capture, so Snag stopped rather than mix two pages. ${TRY_AGAIN}`,
  scrolled: `The page scrolled while Snag was capturing it (you, or the page itself), so its sections would not line up; Snag stopped. ${TRY_AGAIN}`,
  cancelled: 'Full-page capture cancelled. Nothing was saved.',
} as const;

/** A reason to stop the capture, for the user. */
export class CaptureStopped extends Error {}

/** Where the tab is now. */
export interface TabState {
  active: boolean;
  windowId: number;
  /** Unknown when the browser does not say (no access to the tab's address). */
  url?: string;
  minimized: boolean;
}

/** What a full-page capture watches in the browser, behind an interface tests can fake. */
export interface FullPageTabs {
  /** The tab's state now; undefined once it is closed. */
  state(tabId: number): Promise<TabState | undefined>;
  /** Calls `onChange` with a reason as soon as the tab's window shows another tab, or the tab navigates, moves or closes. */
  watch(tab: TargetTab, onChange: (reason: string) => void): () => void;
}

export function browserFullPageTabs(api: WxtBrowser): FullPageTabs {
  return {
    async state(tabId) {
      const tab = await api.tabs.get(tabId).catch(() => undefined);
      if (!tab) return undefined;
      const window = await api.windows.get(tab.windowId).catch(() => undefined);
      return { active: tab.active, windowId: tab.windowId, ...(tab.url ? { url: tab.url } : {}), minimized: window?.state === 'minimized' };
    },
    watch(tab, onChange) {
      const activated = (info: { tabId: number; windowId: number }) => {
        if (info.windowId === tab.windowId && info.tabId !== tab.id) onChange(STOPPED.switched);
      };
      // A reload keeps the address: the document check in each section notices that one.
      const updated = (tabId: number, change: { url?: string }) => {
        if (tabId === tab.id && change.url !== undefined && !samePage(change.url, tab.url)) onChange(STOPPED.navigated);
      };
      const removed = (tabId: number) => {
        if (tabId === tab.id) onChange(STOPPED.closed);
      };
      const detached = (tabId: number) => {
        if (tabId === tab.id) onChange(STOPPED.switched);
      };
      api.tabs.onActivated.addListener(activated);
      api.tabs.onUpdated.addListener(updated);
      api.tabs.onRemoved.addListener(removed);
      api.tabs.onDetached.addListener(detached);
      return () => {
        api.tabs.onActivated.removeListener(activated);
        api.tabs.onUpdated.removeListener(updated);
        api.tabs.onRemoved.removeListener(removed);
        api.tabs.onDetached.removeListener(detached);
      };
    },
  };
}

/**
 * Throws `CaptureStopped` unless the tab is still the one its window shows, at the address it had,
 * nothing was reported by the watcher, and the user did not cancel.
 */
export async function assertStillOnPage(
  tabs: FullPageTabs,
  tab: TargetTab,
  interrupted: () => string | undefined,
  signal: AbortSignal | undefined,
): Promise<void> {
  if (signal?.aborted) throw new CaptureStopped(STOPPED.cancelled);
  const reported = interrupted();
  if (reported) throw new CaptureStopped(reported);
  const state = await tabs.state(tab.id);
  if (!state) throw new CaptureStopped(STOPPED.closed);
  if (!state.active || state.windowId !== tab.windowId) throw new CaptureStopped(STOPPED.switched);
  if (state.minimized) throw new CaptureStopped(STOPPED.minimized);
  if (state.url !== undefined && !samePage(state.url, tab.url)) throw new CaptureStopped(STOPPED.navigated);
}

/** The same address up to its fragment (pages move `#section` as they are scrolled); unknown counts as the same. */
function samePage(url: string, start: string | undefined): boolean {
  return start === undefined || url.split('#')[0] === start.split('#')[0];
}

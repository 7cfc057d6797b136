import { chromiumTab } from './chromium';
import { launchDashboardBrowser } from './dashboard-fixtures';
import type { BrowserName, Tab } from './driver';
import { firefoxTab, launchFirefox } from './firefox';

/** A browser without the extension, for the dashboard alone: each tab in one shared profile. */
export interface PlainBrowser {
  newTab(): Promise<Tab>;
  close(): Promise<void>;
}

export async function launchPlainBrowser(name: BrowserName): Promise<PlainBrowser> {
  if (name === 'Chromium') {
    const browser = await launchDashboardBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    return { newTab: async () => chromiumTab(await context.newPage()), close: () => browser.close() };
  }
  const browser = await launchFirefox();
  return { newTab: async () => firefoxTab(await browser.newPage()), close: () => browser.close() };
}

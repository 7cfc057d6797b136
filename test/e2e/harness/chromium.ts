import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireExecutable } from './build-extension';

export interface ChromiumWithExtension {
  context: BrowserContext;
  extensionUrl: (path: string) => string;
  close: () => Promise<void>;
}

/** Debian's Chromium with the built extension loaded unpacked, in a fresh profile. */
export async function launchChromiumWithExtension(extensionDir: string): Promise<ChromiumWithExtension> {
  const executablePath = requireExecutable('/usr/bin/chromium', 'chromium');
  const profile = await mkdtemp(join(tmpdir(), 'snag-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      // This machine has no network beyond loopback: keep Chromium from trying.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path}`,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Resolves with the next tab whose URL matches, e.g. the editor the extension opens. */
export async function waitForPage(context: BrowserContext, matches: (url: string) => boolean): Promise<Page> {
  const existing = context.pages().find((page) => matches(page.url()));
  if (existing) return existing;
  return context.waitForEvent('page', { predicate: (page) => matches(page.url()), timeout: 30_000 });
}

/** Saves the server URL and token on the Options page, as a user would. */
export async function connectExtension(chromium: ChromiumWithExtension, serverUrl: string, token: string): Promise<void> {
  const options = await chromium.context.newPage();
  await options.goto(chromium.extensionUrl('options.html'));
  await showTokenField(options);
  await options.getByLabel('Server URL').fill(serverUrl);
  await options.getByLabel('Access token').fill(token);
  await options.getByRole('button', { name: 'Save', exact: true }).click();
  await options.getByRole('status').filter({ hasText: /^Saved$/ }).waitFor();
  await options.close();
}

/** Options keeps the pasted-token form under a disclosure ("Advanced: paste a token"): open it. */
export async function showTokenField(options: Page): Promise<void> {
  const advanced = options.locator('details').filter({ hasText: 'Advanced: paste a token' });
  if (!(await advanced.evaluate((element) => (element as HTMLDetailsElement).open))) {
    await advanced.locator('summary').click();
  }
}

/**
 * Opens the popup in a tab, brings `site` to the front (the popup acts on the page the user is
 * looking at) and presses `button`; resolves with the popup, left open, and the editor it opened.
 */
export async function startFromPopup(
  chromium: ChromiumWithExtension,
  site: Page,
  button: string,
): Promise<{ popup: Page; editor: Page }> {
  const popup = await chromium.context.newPage();
  await popup.goto(chromium.extensionUrl('popup.html'));
  await site.bringToFront();
  const known = new Set(chromium.context.pages());
  await popup.getByRole('button', { name: button }).click();
  const editor = await waitForPage(
    chromium.context,
    (url) => url.includes('/editor.html?draft=') && ![...known].some((page) => page.url() === url),
  );
  return { popup, editor };
}

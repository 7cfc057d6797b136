import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireExecutable } from './build-extension';
import { commonTabMethods, renderedSelector, untyped, type AccessibleRole, type ExtensionBrowser, type Tab } from './driver';

const tabTimeout = 30_000;

/** Flags for every headless Chromium in these tests (the extension's and the dashboard's). */
export const quietChromiumFlags: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  // This machine has no network beyond loopback: keep Chromium from trying.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The Chromium adapter: Debian's Chromium driven by Playwright, the extension loaded unpacked. */
export interface ChromiumWithExtension extends ExtensionBrowser {
  context: BrowserContext;
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
      ...quietChromiumFlags,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: tabTimeout }));
  const extensionId = new URL(worker.url()).host;
  const extensionUrl = (path: string) => `chrome-extension://${extensionId}/${path}`;
  const openPage = async (url: string) => {
    const page = await context.newPage();
    await page.goto(url);
    return chromiumTab(page);
  };
  return {
    name: 'Chromium',
    context,
    extensionUrl,
    openPage,
    async openExtensionPage(path) {
      const tab = await openPage(extensionUrl(path));
      await tab.waitUntil((css) => document.querySelector(css) !== null, renderedSelector);
      return tab;
    },
    async waitForTab(matches) {
      const existing = context.pages().find((page) => matches(page.url()));
      if (existing) return chromiumTab(existing);
      return chromiumTab(await context.waitForEvent('page', { predicate: (page) => matches(page.url()), timeout: tabTimeout }));
    },
    tabUrls: async () => context.pages().map((page) => page.url()),
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** A Playwright page as a Tab: controls are found by role and label, as Playwright's locators do. */
export function chromiumTab(page: Page): Tab {
  const labelled = (label: string, within?: string) => (within ? page.locator(within) : page).getByLabel(label, { exact: true });
  return {
    url: async () => page.url(),
    ...commonTabMethods(page),
    closed: async () => {
      await page.waitForEvent('close', { timeout: tabTimeout });
    },
    click: (name, { role = 'button', within }: { role?: AccessibleRole; within?: string } = {}) =>
      (within ? page.locator(within) : page).getByRole(role, { name, exact: true }).click(),
    clickSelector: (selector) => page.locator(selector).first().click(),
    fill: (label, value, within) => labelled(label, within).fill(value),
    select: async (label, value, within) => {
      await labelled(label, within).selectOption(value);
    },
    valueOf: (label, within) => labelled(label, within).inputValue(),
    press: (key) => page.keyboard.press(key),
    evaluate: async <R, A>(fn: (arg: A) => R | Promise<R>, arg?: A) => (await page.evaluate(untyped(fn), arg)) as R,
    evaluateSource: async (source) => {
      await page.evaluate(source);
    },
    emulateColorScheme: (colorScheme) => page.emulateMedia({ colorScheme }),
    waitUntil: async <R, A>(fn: (arg: A) => R, arg?: A, timeout = tabTimeout) => {
      // Polled on a timer: animation frames do not run in a tab behind another one.
      const handle = await page.waitForFunction(untyped(fn), arg, { timeout, polling: 100 });
      return (await handle.jsonValue()) as NonNullable<Awaited<R>>;
    },
    screenshot: () => page.screenshot(),
  };
}

import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { requireExecutable } from './build-extension';

// Must match browser_specific_settings.gecko.id in wxt.config.ts.
const addonId = 'snag@snag.invalid';
// A fixed internal UUID makes the extension's pages addressable (moz-extension://<uuid>/...).
const addonUuid = '5a6e0b4c-3f1d-4e8a-9c2b-7d1e0f3a5b6c';

export interface FirefoxWithExtension {
  browser: Browser;
  extensionUrl: (path: string) => string;
  close: () => Promise<void>;
}

/** Firefox ESR driven over WebDriver BiDi, with the built extension installed as a temporary add-on. */
export async function launchFirefoxWithExtension(extensionDir: string): Promise<FirefoxWithExtension> {
  const executablePath = requireExecutable('/usr/bin/firefox-esr', 'firefox-esr');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    defaultViewport: { width: 1280, height: 800 },
    // Firefox 153+ only lets WebDriver open moz-extension:// pages with system access allowed.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [addonId]: addonUuid }) },
  });
  const installedId = await browser.installExtension(extensionDir);
  if (installedId !== addonId) throw new Error(`expected add-on id ${addonId}, Firefox installed ${installedId}`);
  return {
    browser,
    extensionUrl: (path) => `moz-extension://${addonUuid}/${path}`,
    close: () => browser.close(),
  };
}

/**
 * Opens an extension page in a new tab. Over BiDi, navigating to a moz-extension:// page never
 * reports its load, so we wait for the page's own content instead of the navigation.
 */
export async function openExtensionPage(browser: Browser, url: string, readySelector: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 2_000 }).catch((error: unknown) => {
    if (!(error instanceof Error && error.name === 'TimeoutError')) throw error;
  });
  await page.waitForSelector(readySelector, { timeout: 30_000 });
  return page;
}

/** Finds the tab showing a URL. BiDi reports extension pages as about:blank, so ask each page itself. */
export async function waitForPageAt(browser: Browser, matches: (url: string) => boolean): Promise<Page> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    for (const page of await browser.pages()) {
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (matches(href)) return page;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('no tab opened at the expected URL within 30 s');
}

// `::-p-aria()` queries time out over BiDi in Firefox, so controls are found the way a user reads
// them: by their label's text or their own text.

/** The form control whose <label> reads `label`. */
export async function control(page: Page, label: string): Promise<ElementHandle<HTMLElement>> {
  const handle = await page.waitForFunction(
    (text) =>
      [...document.querySelectorAll('label')].find((element) => element.textContent?.trim() === text)?.control ?? null,
    { timeout: 30_000 },
    label,
  );
  const element = handle.asElement();
  if (!element) throw new Error(`no control labelled "${label}"`);
  return element as ElementHandle<HTMLElement>;
}

export async function fill(page: Page, label: string, value: string): Promise<void> {
  const element = await control(page, label);
  await element.evaluate((input) => {
    if (input instanceof HTMLInputElement || input instanceof HTMLTextAreaElement) input.select();
  });
  await element.type(value);
}

export async function clickButton(page: Page, name: string): Promise<void> {
  const handle = await page.waitForFunction(
    (text) =>
      [...document.querySelectorAll('button')].find((button) => button.textContent?.trim() === text && !button.disabled) ??
      null,
    { timeout: 30_000 },
    name,
  );
  const button = handle.asElement();
  if (!button) throw new Error(`no button "${name}"`);
  await (button as ElementHandle<HTMLElement>).click();
}

/** Waits until the page's role=status element reads `expected`. */
export async function waitForStatus(page: Page, expected: string | RegExp): Promise<void> {
  const pattern = typeof expected === 'string' ? `^${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$` : expected.source;
  await page.waitForFunction(
    (source) => new RegExp(source).test(document.querySelector('[role="status"]')?.textContent?.trim() ?? ''),
    { timeout: 30_000 },
    pattern,
  );
}

/** Options keeps the pasted-token form under a disclosure ("Advanced: paste a token"): open it. */
export async function showTokenField(options: Page): Promise<void> {
  const handle = await options.waitForFunction(
    () =>
      [...document.querySelectorAll('details')].find((details) => details.querySelector('summary')?.textContent === 'Advanced: paste a token') ??
      null,
    { timeout: 30_000 },
  );
  const details = handle.asElement();
  if (!details) throw new Error('no "Advanced: paste a token" disclosure');
  const open = await details.evaluate((element) => element instanceof HTMLDetailsElement && element.open);
  if (!open) {
    const summary = await details.$('summary');
    await summary?.click();
  }
}

/** Saves the server URL and token on the Options page, as a user would. */
export async function connectExtension(firefox: FirefoxWithExtension, serverUrl: string, token: string): Promise<void> {
  const options = await openExtensionPage(firefox.browser, firefox.extensionUrl('options.html'), 'form');
  await showTokenField(options);
  await fill(options, 'Server URL', serverUrl);
  await fill(options, 'Access token', token);
  await clickButton(options, 'Save');
  await waitForStatus(options, 'Saved');
  await options.close();
}

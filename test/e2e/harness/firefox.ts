import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { requireExecutable } from './build-extension';
import { commonTabMethods, pollFor, renderedSelector, untyped, type AccessibleRole, type ExtensionBrowser, type Tab } from './driver';

// Must match browser_specific_settings.gecko.id in wxt.config.ts.
const addonId = 'snag@snag.invalid';
// A fixed internal UUID makes the extension's pages addressable (moz-extension://<uuid>/...).
const addonUuid = '5a6e0b4c-3f1d-4e8a-9c2b-7d1e0f3a5b6c';
const timeout = 30_000;

/** Firefox ESR driven by Puppeteer over WebDriver BiDi, in a fresh profile. */
export function launchFirefox(): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: requireExecutable('/usr/bin/firefox-esr', 'firefox-esr'),
    headless: true,
    defaultViewport: { width: 1280, height: 800 },
    // Firefox 153+ only lets WebDriver open moz-extension:// pages with system access allowed.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [addonId]: addonUuid }) },
  });
}

/** The Firefox adapter: Firefox ESR driven by Puppeteer over WebDriver BiDi, Snag a temporary add-on. */
export async function launchFirefoxWithExtension(extensionDir: string): Promise<ExtensionBrowser> {
  const browser = await launchFirefox();
  const installedId = await browser.installExtension(extensionDir);
  if (installedId !== addonId) throw new Error(`expected add-on id ${addonId}, Firefox installed ${installedId}`);
  const extensionUrl = (path: string) => `moz-extension://${addonUuid}/${path}`;
  const hrefOf = (page: Page) => page.evaluate(() => location.href).catch(() => '');
  return {
    name: 'Firefox',
    extensionUrl,
    async openPage(url) {
      const page = await browser.newPage();
      await page.goto(url);
      return firefoxTab(page);
    },
    async openExtensionPage(path) {
      const page = await browser.newPage();
      // Over BiDi, navigating to a moz-extension:// page never reports its load: wait for its content instead.
      await page.goto(extensionUrl(path), { waitUntil: 'domcontentloaded', timeout: 2_000 }).catch((error: unknown) => {
        if (!(error instanceof Error && error.name === 'TimeoutError')) throw error;
      });
      await page.waitForSelector(renderedSelector, { timeout });
      return firefoxTab(page);
    },
    waitForTab: (matches) =>
      pollFor(async () => {
        for (const page of await browser.pages()) {
          if (matches(await hrefOf(page))) return firefoxTab(page);
        }
        return undefined;
      }, 'no tab opened at the expected URL'),
    tabUrls: async () => Promise.all((await browser.pages()).map(hrefOf)),
    close: () => browser.close(),
  };
}

type SentName = { exact: string } | { pattern: string; flags: string };

/**
 * Runs in the page: the enabled, visible control with `role` whose accessible name fits. (Puppeteer's
 * `::-p-aria()` queries time out over BiDi, so names are computed here: aria-label, then the text a
 * reader hears, leaving out aria-hidden parts.)
 */
function findByRole({ role, name, within }: { role: AccessibleRole; name: SentName; within: string }): Element | null {
  const selector = role === 'button' ? 'button, [role="button"]' : 'a[href], [role="link"]';
  const heard = (element: Element) => {
    const copy = element.cloneNode(true);
    if (!(copy instanceof Element)) return '';
    for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
    return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  };
  const nameOf = (element: Element) => element.getAttribute('aria-label')?.trim() || heard(element);
  const fits = (text: string) => ('exact' in name ? text === name.exact : new RegExp(name.pattern, name.flags).test(text));
  const usable = (element: Element) =>
    element.checkVisibility() && !(element instanceof HTMLButtonElement && element.disabled) && element.getAttribute('aria-disabled') !== 'true';
  const scope = document.querySelector(within);
  return [...(scope?.querySelectorAll(selector) ?? [])].find((element) => usable(element) && fits(nameOf(element))) ?? null;
}

/** Runs in the page: the form control inside `within` whose <label> (or aria-label) reads `label`. */
function findByLabel({ label, within }: { label: string; within: string }): Element | null {
  const scope = document.querySelector(within);
  const byLabel = [...(scope?.querySelectorAll('label') ?? [])].find((element) => element.textContent?.trim() === label)?.control;
  return byLabel ?? [...(scope?.querySelectorAll('[aria-label]') ?? [])].find((element) => element.getAttribute('aria-label') === label) ?? null;
}

/** A Puppeteer page as a Tab: controls are found in the page by their names and labels. */
export function firefoxTab(page: Page): Tab {
  async function element(find: Promise<unknown>, what: string): Promise<ElementHandle<Element>> {
    const handle = await find;
    if (handle && typeof handle === 'object' && 'asElement' in handle && typeof handle.asElement === 'function') {
      const found: unknown = handle.asElement();
      if (found) return found as ElementHandle<Element>;
    }
    throw new Error(`no ${what}`);
  }
  const control = (label: string, within = ':root') =>
    element(page.waitForFunction(findByLabel, { timeout }, { label, within }), `control labelled "${label}" in ${within}`);
  return {
    url: () => page.evaluate(() => location.href),
    ...commonTabMethods(page),
    // Puppeteer keeps a tab the extension closed in its list, and emits no 'close': the page is gone once it cannot run a script.
    closed: async () => {
      const gone = () => page.evaluate(() => false).catch(() => true);
      await pollFor(async () => (page.isClosed() || (await gone()) ? true : undefined), 'the tab did not close');
    },
    async click(name, { role = 'button', within = ':root' } = {}) {
      const sent: SentName = typeof name === 'string' ? { exact: name } : { pattern: name.source, flags: name.flags };
      const query = { role, name: sent, within };
      const target = await element(page.waitForFunction(findByRole, { timeout }, query), `${role} "${String(name)}" in ${within}`);
      await target.click();
    },
    async clickSelector(selector) {
      await page.click(selector);
    },
    async fill(label, value, within) {
      const input = await control(label, within);
      await input.evaluate((field) => {
        if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) field.select();
      });
      // Typing over a selection leaves the old value when the new one is empty: clear it first.
      if (value === '') await input.press('Backspace');
      else await input.type(value);
    },
    async select(label, value, within) {
      const field = await control(label, within);
      await field.select(value);
    },
    valueOf: async (label, within) =>
      (await control(label, within)).evaluate((field) =>
        field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement || field instanceof HTMLSelectElement ? field.value : '',
      ),
    press: (key) => page.keyboard.press(key as Parameters<Page['keyboard']['press']>[0]),
    evaluate: async <R, A>(fn: (arg: A) => R | Promise<R>, arg?: A) => (await page.evaluate(untyped(fn), arg)) as R,
    evaluateSource: async (source) => {
      await page.evaluate(source);
    },
    waitUntil: async <R, A>(fn: (arg: A) => R, arg?: A, wait = timeout) => {
      // Polled on a timer: animation frames barely run in a tab behind another one.
      const handle = await page.waitForFunction(untyped(fn), { timeout: wait, polling: 100 }, arg);
      return (await handle.jsonValue()) as NonNullable<Awaited<R>>;
    },
    screenshot: async () => Buffer.from(await page.screenshot()),
  };
}

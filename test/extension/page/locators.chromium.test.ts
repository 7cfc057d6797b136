// @vitest-environment node
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// locators.ts in a real browser: layout (boxes), frames and XPath evaluation, which happy-dom lacks.
// The module is bundled as it is into the page, where it runs as the picker runs it.

const root = join(import.meta.dirname, '../../..');
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const bundle = buildSync({
    entryPoints: [join(root, 'extension/lib/page/locators.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'SnagLocators',
    write: false,
    target: 'es2022',
  });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  await page.setContent(await readFile(join(root, 'test/fixtures/pages/locators.html'), 'utf8'));
  await page.waitForFunction(() => document.querySelector('iframe')?.contentDocument?.getElementById('frame-save'));
  await page.addScriptTag({ content: bundle.outputFiles[0]?.text ?? '' });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

interface Located {
  selector: string;
  xpath: string;
  framePath?: string[];
  shadowPath?: string[];
  text: string;
  role?: string;
  name?: string;
  viewportBox: { x: number; y: number; width: number; height: number };
  documentBox: { x: number; y: number; width: number; height: number };
  unique: boolean;
  found: boolean;
  byXPath: boolean;
}

/** Locate the element `find` picks out, check the selector is unique and that the locator finds it again. */
async function locate(find: string): Promise<Located> {
  return page.evaluate((source) => {
    const pick: Element | null = new Function(`return (${source})`)()();
    // Not `instanceof Element`: an element in a frame is another window's Element.
    if (pick?.nodeType !== 1) throw new Error('fixture element missing');
    // The bundle's exports, as `globalName` puts them on the page's window.
    const api: typeof import('@/lib/page/locators') = Reflect.get(window, 'SnagLocators');
    const located = api.locateElement(pick);
    const root: Document | ShadowRoot = api.rootOf(pick);
    const unique = root.querySelectorAll(located.selector).length === 1;
    const found = api.resolveLocator(document, located) === pick;
    const byXPath = api.resolveLocator(document, { ...located, selector: 'nothing-matches-this' }) === pick;
    return { ...located, unique, found, byXPath };
  }, find);
}

describe('locators in Chromium', () => {
  it('anchors on a test id and ignores generated ids and class names', async () => {
    const pay3 = await locate(`() => document.querySelector('[data-testid="pay-3"]')`);
    expect(pay3).toMatchObject({ selector: '[data-testid="pay-3"]', role: 'button', name: 'Pay', unique: true, found: true, byXPath: true });
    const pay2 = await locate(`() => document.querySelectorAll('li')[1].querySelector('button')`);
    expect(pay2.selector).not.toMatch(/sc-|css-|app-7f3a9c21/);
    expect(pay2).toMatchObject({ selector: 'li:nth-of-type(2) > button', xpath: '/html/body/main/section/ul/li[2]/button', unique: true, found: true, byXPath: true });
  });

  it('uses a field’s name and label, never its value', async () => {
    const coupon = await locate(`() => document.getElementById('coupon')`);
    expect(coupon).toMatchObject({ selector: '#coupon', role: 'textbox', name: 'Coupon', text: '', found: true });
    expect(JSON.stringify(coupon)).not.toContain('jane@example.com');
  });

  it('reports the shadow host and finds the element through it (XPath too)', async () => {
    const close = await locate(`() => document.getElementById('support').shadowRoot.querySelector('[aria-label="Close chat"]')`);
    expect(close).toMatchObject({ shadowPath: ['#support'], selector: 'button[aria-label="Close chat"]', xpath: './div/button[2]', name: 'Close chat', unique: true, found: true, byXPath: true });
  });

  it('reports the frame path, boxes in the top viewport and page, and finds the element in the frame', async () => {
    await page.evaluate(() => window.scrollTo(0, 500));
    const save = await locate(`() => document.querySelector('iframe').contentDocument.getElementById('frame-save')`);
    const frame = await page.evaluate(() => {
      const box = document.querySelector('iframe')?.getBoundingClientRect();
      return { x: box?.left ?? 0, y: box?.top ?? 0 };
    });
    expect(save).toMatchObject({ framePath: ['#billing-frame'], selector: '#frame-save', xpath: '//*[@id="frame-save"]', found: true, byXPath: true });
    // The frame's 3px border sits between its box and the document it shows.
    expect(save.viewportBox.x).toBeCloseTo(frame.x + 3, 0);
    expect(save.viewportBox.y).toBeGreaterThan(frame.y + 3);
    expect(save.documentBox.y - save.viewportBox.y).toBeCloseTo(500, 1);

    const circle = await locate(`() => document.querySelector('iframe').contentDocument.querySelector('circle')`);
    expect(circle).toMatchObject({ framePath: ['#billing-frame'], xpath: '/html/body/*[local-name()="svg"]/*[local-name()="circle"]', found: true, byXPath: true });
  });

  it('describes links and headings by their text', async () => {
    expect(await locate(`() => document.querySelector('a[href="/billing"]')`)).toMatchObject({ role: 'link', name: 'Billing', selector: 'a:nth-of-type(2)' });
    expect(await locate(`() => document.querySelector('h1')`)).toMatchObject({ role: 'heading', name: 'Invoices', selector: 'h1', unique: true });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import type { Capture } from '#shared/capture';
import { reviewedCapture } from '#shared/review';
import { e2eExtensionDir } from './harness/build-extension';
import { waitForCaptures } from './harness/expectations';
import {
  clickButton,
  connectExtension,
  control,
  fill,
  launchFirefoxWithExtension,
  openExtensionPage,
  waitForPageAt,
  type FirefoxWithExtension,
} from './harness/firefox';
import { startFixtureServer, type FixtureServer } from './harness/fixture-server';
import { startSnagServer, type RunningSnagServer } from './harness/snag-server';

// The Chromium test's journeys in Firefox (Manifest V2: a background page, the diagnostics
// collector injected by a content script, canvases in the page rather than a service worker).

describe('Firefox: every kind of capture arrives at the server with its fields', () => {
  let fixtures: FixtureServer;
  let server: RunningSnagServer;
  let firefox: FirefoxWithExtension;
  const arrived: Capture[] = [];
  const seenEditors = new Set<string>();

  beforeAll(async () => {
    const extensionDir = e2eExtensionDir('firefox');
    [fixtures, server] = await Promise.all([startFixtureServer(), startSnagServer()]);
    firefox = await launchFirefoxWithExtension(extensionDir);
    await connectExtension(firefox, server.url, server.token);
  });

  afterAll(async () => {
    await firefox?.close();
    await server?.stop();
    await fixtures?.close();
  });

  async function nextCapture(): Promise<Capture> {
    const items = await waitForCaptures(server.url, server.token, arrived.length + 1);
    const parsed = reviewedCapture.parse(items.find((item) => !arrived.some((seen) => seen.id === item.id)));
    arrived.push(parsed);
    return parsed;
  }

  /** Opens a fixture page, brings it to the front and presses `button` in a fresh popup. */
  async function start(page: string, button: string, prepare?: (site: Page) => Promise<void>): Promise<Page> {
    const site = await firefox.browser.newPage();
    await site.goto(fixtures.url(page));
    await prepare?.(site);
    const popup = await openExtensionPage(firefox.browser, firefox.extensionUrl('popup.html'), 'button');
    await site.bringToFront();
    await clickButton(popup, button);
    return site;
  }

  /** The editor tab the last action opened. */
  async function newEditor(): Promise<Page> {
    const editor = await waitForPageAt(firefox.browser, (url) => url.includes('/editor.html?draft=') && !seenEditors.has(url));
    seenEditors.add(await editor.evaluate(() => location.href));
    return editor;
  }

  const heading = (editor: Page, text: string) =>
    editor.waitForFunction((expected) => document.querySelector('h1')?.textContent === expected, { timeout: 60_000 }, text);

  it('sets up a customer rule and diagnostics for the helpdesk site in Options', async () => {
    const options = await openExtensionPage(firefox.browser, firefox.extensionUrl('options.html'), 'form');
    await clickButton(options, 'Add a customer rule');
    await fill(options, 'Pages', `${new URL(fixtures.url('')).origin}/ticket.html*`);
    await fill(options, 'CSS selector', '.requester');
    await clickButton(options, 'Apply customer rules');
    await options.waitForFunction(() => document.body.textContent?.includes('Customer rules saved'));
    await fill(options, 'Site', new URL(fixtures.url('')).origin);
    await clickButton(options, 'Turn on for this site');
    await options.waitForFunction(() => document.body.textContent?.includes('Diagnostics on.'), { timeout: 30_000 });
    await options.close();
  });

  it('classifies a screenshot with a customer from the rule and the page’s console and network errors', async () => {
    await start('ticket.html', 'Capture this screen');
    const editor = await newEditor();
    await heading(editor, 'New screenshot');
    await editor.waitForFunction(() => document.body.textContent?.includes('1 console error, 1 failed request'), { timeout: 30_000 });
    expect(await (await control(editor, 'Customer')).evaluate((input) => (input instanceof HTMLInputElement ? input.value : ''))).toBe(
      'Globex Corporation',
    );
    await fill(editor, 'Comment', 'Export disabled after paying (Firefox)');
    await (await control(editor, 'Category')).select('bug');
    await (await control(editor, 'Severity')).select('critical');
    await fill(editor, 'Flow', 'Billing');
    await fill(editor, 'Step', 'Export invoices');
    await clickButton(editor, '+ blocked');
    await clickButton(editor, 'Save');

    const stored = await nextCapture();
    expect(stored).toMatchObject({
      comment: 'Export disabled after paying (Firefox)',
      category: 'bug',
      severity: 'critical',
      customer: 'Globex Corporation',
      flow: { name: 'Billing', step: 'Export invoices' },
      tags: ['blocked'],
      environment: { zoom: 1, browser: { name: 'Firefox' } },
      diagnostics: {
        consoleErrors: [expect.objectContaining({ message: 'Ticket widget failed to load: quota exceeded' })],
        failedRequests: [expect.objectContaining({ status: 404, url: fixtures.url('api/tickets/4471.json') })],
      },
    });
  });

  it('captures a full page and puts the page back as it was', async () => {
    const site = await start('dashboard.html', 'Capture full page', (page) => page.evaluate(() => window.scrollTo(0, 300)));
    const editor = await newEditor();
    await heading(editor, 'New full-page screenshot');
    expect(await site.evaluate(() => window.scrollY)).toBe(300);
    expect(await site.evaluate(() => document.querySelectorAll('[data-snag-visibility]').length)).toBe(0);
    const pageHeight = await site.evaluate(() => document.documentElement.scrollHeight);
    await editor.waitForFunction(() => (document.querySelector('.annotator img') ?? document.querySelector('img'))?.getAttribute('src'));
    const imageHeight = await editor.evaluate(async () => {
      const image = document.querySelector('img');
      if (!image) return 0;
      await image.decode();
      return image.naturalHeight;
    });
    expect(imageHeight).toBe(pageHeight);
    await clickButton(editor, 'Save');
    const stored = await nextCapture();
    expect(stored.screenshot?.bytes).toBeGreaterThan(10_000);
  });

  it('pins an element picked with the mouse', async () => {
    const site = await start('ticket.html?pin', 'Pin element');
    await site.bringToFront();
    await site.waitForSelector('snag-element-picker', { timeout: 30_000 });
    const box = await site.evaluate(() => {
      const rect = document.querySelector('[data-testid="reply"]')?.getBoundingClientRect();
      return rect ? { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 } : null;
    });
    if (!box) throw new Error('the button has no box');
    await site.mouse.move(box.x, box.y, { steps: 3 });
    await site.mouse.click(box.x, box.y);
    const editor = await newEditor();
    await heading(editor, 'New pin');
    await clickButton(editor, 'Save');

    const stored = await nextCapture();
    expect(stored.element).toMatchObject({ selector: '[data-testid="reply"]', tagName: 'button', name: 'Reply to customer' });
    expect(stored.annotations.filter((shape) => shape.type === 'rect')).toHaveLength(1);
  });

  it('clips text with its context and a link to the quote', async () => {
    await start('ticket.html?clip', 'Clip selection', (site) =>
      site.evaluate(() => {
        const text = document.getElementById('message')?.firstChild;
        if (!text) throw new Error('fixture');
        const range = document.createRange();
        range.setStart(text, 'The '.length);
        range.setEnd(text, 'The export button'.length);
        window.getSelection()?.removeAllRanges();
        window.getSelection()?.addRange(range);
      }),
    );
    const editor = await newEditor();
    await heading(editor, 'New clip');
    await clickButton(editor, 'Save');
    const stored = await nextCapture();
    expect(stored).toMatchObject({
      quote: 'export button',
      textFragmentUrl: `${fixtures.url('ticket.html?clip')}#:~:text=The-,export%20button,-stays%20disabled%20after`,
    });
  });
});

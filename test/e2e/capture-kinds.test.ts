import { expect, it } from 'vitest';
import { z } from 'zod';
import type { Capture } from '#shared/capture';
import { onboardingResponse } from '#shared/insights';
import { reviewedCapture } from '#shared/review';
import type { Tab } from './harness/driver';
import { signInToDashboard } from './harness/dashboard-session';
import { startFromPopup, turnOnDiagnostics, waitForHeading } from './harness/extension-steps';
import { waitForCaptures } from './harness/expectations';
import { boxOf, countOf, textOf, waitForCount, waitForText } from './harness/page-text';
import { forEachBrowser, useSnagWorld } from './harness/snag-setup';

// Every capture kind of issue 3, from the popup to the server: classification with a customer
// (from a site rule) and the page's diagnostics, a full page, an element pin and a text clip. In
// Firefox (Manifest V2) that is a background page, the diagnostics collector injected by a content
// script, and canvases in the page rather than a service worker.

forEachBrowser('every kind of capture arrives at the server with its fields', (name) => {
  const world = useSnagWorld(name);
  const arrived: Capture[] = [];

  /** Waits for the next capture to reach the server. */
  async function nextCapture(): Promise<Capture> {
    const { server } = world();
    const items = await waitForCaptures(server.url, server.token, arrived.length + 1);
    const parsed = reviewedCapture.parse(items.find((item) => !arrived.some((seen) => seen.id === item.id)));
    arrived.push(parsed);
    return parsed;
  }

  const classifiedCapture = () => {
    const classified = arrived.find((item) => item.category === 'friction');
    if (!classified) throw new Error('the classified capture did not arrive');
    return classified;
  };

  /** Presses "Pin element" in a fresh popup with `site` in front, and waits for the picker in the page. */
  async function startPicking(site: Tab): Promise<void> {
    const popup = await world().browser.openExtensionPage('popup.html');
    await site.bringToFront();
    await popup.click('Pin element');
    await site.bringToFront();
    await waitForCount(site, 'snag-element-picker', 1);
  }

  it('sets up a customer rule and diagnostics for the helpdesk site in Options', async () => {
    const { browser, fixtures } = world();
    const origin = new URL(fixtures.url('')).origin;
    const options = await browser.openExtensionPage('options.html');
    await options.click('Add a customer rule');
    await options.fill('Pages', `${origin}/ticket.html*`);
    await options.fill('CSS selector', '.requester');
    await options.click('Apply customer rules');
    await waitForText(options, '*', 'Customer rules saved');

    await turnOnDiagnostics(browser, origin, options);
    await waitForText(options, 'button', { contains: 'Turn off for http://127.0.0.1' });
    await options.close();
  });

  it('classifies a screenshot: category, severity, workspace tag, flow, customer from the rule, console and network errors', async () => {
    const { browser, fixtures } = world();
    // Loaded after diagnostics were turned on: the collector is in the page from its first script.
    const site = await browser.openPage(fixtures.url('ticket.html'));
    const { editor } = await startFromPopup(browser, site, 'Capture this screen');
    await waitForHeading(editor, 'New screenshot');
    await expect.poll(() => editor.valueOf('Customer')).toBe('Globex Corporation');
    await waitForText(editor, 'body', { contains: '1 console error, 1 failed request' });

    await editor.fill('Comment', `Export disabled after paying (${name})`);
    await editor.select('Category', 'friction');
    await editor.select('Severity', 'high');
    await editor.fill('Flow', 'Billing');
    await editor.fill('Step', 'Export invoices');
    await editor.fill('Tags', 'invoices');
    await editor.click('too many steps');
    await expect.poll(() => editor.valueOf('Tags')).toBe('invoices, too many steps');
    await editor.click('Save');

    const stored = await nextCapture();
    expect(stored).toMatchObject({
      kind: 'screenshot',
      comment: `Export disabled after paying (${name})`,
      category: 'friction',
      severity: 'high',
      customer: 'Globex Corporation',
      flow: { name: 'Billing', step: 'Export invoices' },
      tags: ['invoices', 'too many steps'],
      environment: { zoom: 1, browser: { name: expect.stringMatching(name === 'Chromium' ? /Chrom/ : /^Firefox$/) } },
      diagnostics: {
        consoleErrors: [expect.objectContaining({ message: 'Ticket widget failed to load: quota exceeded' })],
        failedRequests: [expect.objectContaining({ method: 'GET', status: 404, url: fixtures.url('api/tickets/4471.json') })],
      },
    });
    expect(stored.annotations).toContainEqual(expect.objectContaining({ type: 'redact', reason: 'password field' }));
  });

  it('remembers the flow for the site, and suggests the customer used before', async () => {
    const { browser, fixtures } = world();
    const site = await browser.openPage(fixtures.url('ticket.html?again'));
    const { editor } = await startFromPopup(browser, site, 'Capture this screen');
    await expect.poll(() => editor.valueOf('Flow')).toBe('Billing');
    await expect.poll(() => editor.valueOf('Step')).toBe('Export invoices');
    expect(await countOf(editor, 'datalist option[value="Globex Corporation"]')).toBe(1);
    await editor.click('Discard');
  });

  it('captures a full page taller than the window, puts the page back as it was, and sends it whole', async () => {
    const { browser, server, fixtures } = world();
    const site = await browser.openPage(fixtures.url('dashboard.html'));
    await site.evaluate(() => window.scrollTo(0, 300));
    const { editor } = await startFromPopup(browser, site, 'Capture full page');
    await waitForHeading(editor, 'New full-page screenshot');
    // The page is as the user left it: scrolled where it was, its sticky header and chat button shown.
    expect(await site.evaluate(() => window.scrollY)).toBe(300);
    expect(await site.evaluate(() => document.querySelectorAll('[data-snag-visibility]').length)).toBe(0);
    expect(await site.evaluate(() => getComputedStyle(document.getElementById('chat') ?? document.body).visibility)).toBe('visible');
    const size = await editor.waitUntil(async () => {
      const image = [...document.querySelectorAll('img')].find((element) => element.alt.startsWith('Screenshot of '));
      if (!image?.getAttribute('src')) return null;
      await image.decode();
      return { width: image.naturalWidth, height: image.naturalHeight };
    });
    const pageHeight = await site.evaluate(() => document.documentElement.scrollHeight);
    expect(size.height).toBe(pageHeight);
    expect(size.width).toBeGreaterThan(1000);
    await editor.click('Save');

    const stored = await nextCapture();
    // Chromium encodes WebP; Firefox may fall back to PNG.
    expect(name === 'Chromium' ? ['image/webp'] : ['image/webp', 'image/png']).toContain(stored.screenshot?.contentType);
    expect(stored.screenshot?.bytes).toBeGreaterThan(10_000);
    const bytes = await fetch(`${server.url}/api/v1/captures/${stored.id}/screenshot`, { headers: { authorization: `Bearer ${server.token}` } });
    expect(imageSize(new Uint8Array(await bytes.arrayBuffer())).height).toBe(pageHeight);
  });

  it('pins an element picked with the mouse: locators and an outline arrive with the screenshot', async () => {
    const { browser, fixtures } = world();
    const site = await browser.openPage(fixtures.url('ticket.html?pin'));
    await site.evaluate(() => {
      const counted = window as unknown as { replyClicks: number };
      counted.replyClicks = 0;
      document.querySelector('[data-testid="reply"]')?.addEventListener('click', () => (counted.replyClicks += 1));
    });
    await startPicking(site);
    const box = await boxOf(site, '[data-testid="reply"]');
    const editorsBefore = new Set(await browser.tabUrls());
    await site.mouse.move(box.x + box.width / 2, box.y + box.height / 2, 3);
    await site.mouse.click(box.x + box.width / 2, box.y + box.height / 2);

    const editor = await browser.waitForTab((url) => url.includes('/editor.html?draft=') && !editorsBefore.has(url));
    await waitForHeading(editor, 'New pin');
    await waitForText(editor, 'figcaption', { contains: '1 highlight.' });
    // The page never saw the click, and the picker is gone.
    expect(await site.evaluate(() => (window as unknown as { replyClicks: number }).replyClicks)).toBe(0);
    expect(await countOf(site, 'snag-element-picker')).toBe(0);
    await editor.fill('Comment', 'Reply button does nothing');
    await editor.click('Save');

    const stored = await nextCapture();
    expect(stored.element).toMatchObject({
      selector: '[data-testid="reply"]',
      tagName: 'button',
      role: 'button',
      name: 'Reply to customer',
      text: 'Reply to customer',
    });
    expect(stored.element?.viewportBox.width).toBeCloseTo(box.width, 0);
    expect(stored.annotations.filter((shape) => shape.type === 'rect')).toHaveLength(1);
  });

  it('cancels a pin with Esc, leaving the page untouched', async () => {
    const site = await world().browser.openPage(world().fixtures.url('ticket.html?cancel'));
    await startPicking(site);
    await site.press('Escape');
    await waitForCount(site, 'snag-element-picker', 0);
  });

  it('clips text with its context and a link that reopens the page at the quote', async () => {
    const { browser, fixtures } = world();
    const site = await browser.openPage(fixtures.url('ticket.html?clip'));
    // "export button" appears twice on the page: the link needs the words around this one.
    await site.evaluate(() => {
      const text = document.getElementById('message')?.firstChild;
      if (!text) throw new Error('fixture');
      const range = document.createRange();
      range.setStart(text, 'The '.length);
      range.setEnd(text, 'The export button'.length);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
    });
    const { editor } = await startFromPopup(browser, site, 'Clip selection');
    await waitForHeading(editor, 'New clip');
    await waitForText(editor, 'blockquote[aria-label="Clipped text"]', 'export button');
    await editor.click('Save');

    const stored = await nextCapture();
    expect(stored).toMatchObject({
      kind: 'clip',
      quote: 'export button',
      // 60 characters each side, on one line.
      quoteContext: {
        prefix: '71: export stays disabled Requester: Globex Corporation The ',
        suffix: ' stays disabled after the invoice is paid. We pressed the ex',
      },
      customer: 'Globex Corporation',
      textFragmentUrl: `${fixtures.url('ticket.html?clip')}#:~:text=The-,export%20button,-stays%20disabled%20after`,
    });
  });

  it('shows them in the feed and the detail view', async () => {
    const { browser, server } = world();
    const dashboard = await browser.openPage(server.url);
    await signInToDashboard(dashboard, server);
    const card = `article[data-capture-id="${classifiedCapture().id}"]`;
    await waitForText(dashboard, card, { contains: 'Globex Corporation' });
    await dashboard.clickSelector(`${card} h2 a`);
    await waitForText(dashboard, 'h2, h3', 'Console and network');
    expect(await textOf(dashboard, 'main')).toContain('Ticket widget failed to load: quota exceeded');
    const severityRows = await dashboard.evaluate(() =>
      [...document.querySelectorAll('tr')].filter((row) => /Severity\s*High/.test(row.textContent ?? '')).length,
    );
    expect(severityRows).toBe(1);
  });

  it('counts the capture classified as friction wherever friction is counted: feed filter, onboarding, digest, Reports', async () => {
    const { browser, server } = world();
    const classified = classifiedCapture();
    const api = async (path: string) => {
      const response = await fetch(`${server.url}/api/v1${path}`, { headers: { Authorization: `Bearer ${server.token}` } });
      expect(response.status, path).toBe(200);
      return response;
    };
    const feed = z.object({ items: z.array(z.object({ id: z.string() })) }).parse(await (await api('/captures?category=friction')).json());
    expect(feed.items.map((item) => item.id)).toContain(classified.id);
    const onboarding = onboardingResponse.parse(await (await api('/insights/onboarding?category=friction')).json());
    expect(onboarding.flows.find((flow) => flow.flow === 'Billing')?.steps.map((step) => step.step)).toContain('Export invoices');
    expect(await (await api('/reports/digest')).text()).toMatch(/^\| Billing \| Export invoices \| [1-9]/m);

    // Signed in already (the test before, same browser profile).
    const dashboard = await browser.openPage(`${server.url}/#/?category=friction`);
    await waitForCount(dashboard, `article[data-capture-id="${classified.id}"]`, 1);
    await dashboard.goto(`${server.url}/#/reports`);
    await dashboard.waitUntil(() =>
      [...document.querySelectorAll('.headline-numbers div')]
        .filter((item) => item.textContent?.includes('Worst onboarding step'))
        .some((item) => item.querySelector('dd')?.textContent?.includes("Billing: Step 'Export invoices' hurts most")),
    );
  });
});

/** Width and height of a PNG or WebP image (lossy VP8, lossless VP8L or extended VP8X), from its header. */
function imageSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.slice(1, 4)) === 'PNG') return { width: view.getUint32(16), height: view.getUint32(20) };
  const chunk = String.fromCharCode(...bytes.slice(12, 16));
  if (chunk === 'VP8X') return { width: 1 + (view.getUint32(24, true) & 0xffffff), height: 1 + (view.getUint32(27, true) & 0xffffff) };
  if (chunk === 'VP8L') {
    const bits = view.getUint32(21, true);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
  }
  if (chunk === 'VP8 ') return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  throw new Error(`not a PNG or WebP image (${chunk})`);
}

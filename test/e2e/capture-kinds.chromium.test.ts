import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Capture } from '#shared/capture';
import { onboardingResponse } from '#shared/insights';
import { reviewedCapture } from '#shared/review';
import { e2eExtensionDir } from './harness/build-extension';
import { signInToDashboard } from './harness/dashboard-session';
import { connectExtension, launchChromiumWithExtension, startFromPopup, type ChromiumWithExtension } from './harness/chromium';
import { waitForCaptures } from './harness/expectations';
import { startFixtureServer, type FixtureServer } from './harness/fixture-server';
import { startSnagServer, type RunningSnagServer } from './harness/snag-server';

// Every capture kind of issue 3, from the popup to the server: classification with a customer
// (from a site rule) and the page's diagnostics, a full page, an element pin and a text clip.

describe('Chromium: every kind of capture arrives at the server with its fields', () => {
  let fixtures: FixtureServer;
  let server: RunningSnagServer;
  let chromium: ChromiumWithExtension;
  const arrived: Capture[] = [];

  beforeAll(async () => {
    const extensionDir = e2eExtensionDir('chrome');
    [fixtures, server] = await Promise.all([startFixtureServer(), startSnagServer()]);
    chromium = await launchChromiumWithExtension(extensionDir);
    await connectExtension(chromium, server.url, server.token);
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
    await fixtures?.close();
  });

  /** Waits for the next capture to reach the server. */
  async function nextCapture(): Promise<Capture> {
    const items = await waitForCaptures(server.url, server.token, arrived.length + 1);
    const fresh = items.find((item) => !arrived.some((seen) => seen.id === item.id));
    const parsed = reviewedCapture.parse(fresh);
    arrived.push(parsed);
    return parsed;
  }

  it('sets up a customer rule and diagnostics for the helpdesk site in Options', async () => {
    const options = await chromium.context.newPage();
    await options.goto(chromium.extensionUrl('options.html'));
    await options.getByRole('button', { name: 'Add a customer rule' }).click();
    await options.getByLabel('Pages').fill(`${new URL(fixtures.url('')).origin}/ticket.html*`);
    await options.getByLabel('CSS selector').fill('.requester');
    await options.getByRole('button', { name: 'Apply customer rules' }).click();
    await expect.poll(() => options.getByText('Customer rules saved').count()).toBe(1);

    await options.getByLabel('Site', { exact: true }).fill(new URL(fixtures.url('')).origin);
    await options.getByRole('button', { name: 'Turn on for this site' }).click();
    await expect.poll(() => options.getByText(/^Diagnostics on\./).count()).toBe(1);
    await expect.poll(() => options.getByRole('button', { name: 'Turn off for http://127.0.0.1' }).count()).toBe(1);
    await options.close();
  });

  it('classifies a screenshot: category, severity, workspace tag, flow, customer from the rule, console and network errors', async () => {
    const site = await chromium.context.newPage();
    // Loaded after diagnostics were turned on: the collector is in the page from its first script.
    await site.goto(fixtures.url('ticket.html'));
    const { editor } = await startFromPopup(chromium, site, 'Capture this screen');
    await expect.poll(() => editor.getByRole('heading', { level: 1 }).innerText()).toBe('New screenshot');
    await expect.poll(() => editor.getByLabel('Customer').inputValue()).toBe('Globex Corporation');
    await expect.poll(() => editor.getByText(/1 console error, 1 failed request/).count()).toBe(1);

    await editor.getByLabel('Comment').fill('Export disabled after paying (Chromium)');
    await editor.getByLabel('Category').selectOption('friction');
    await editor.getByLabel('Severity').selectOption('high');
    await editor.getByLabel('Flow').fill('Billing');
    await editor.getByLabel('Step').fill('Export invoices');
    await editor.getByLabel('Tags').fill('invoices');
    await editor.getByRole('button', { name: 'too many steps' }).click();
    await expect.poll(() => editor.getByLabel('Tags').inputValue()).toBe('invoices, too many steps');
    await editor.getByRole('button', { name: 'Save', exact: true }).click();

    const stored = await nextCapture();
    expect(stored).toMatchObject({
      kind: 'screenshot',
      comment: 'Export disabled after paying (Chromium)',
      category: 'friction',
      severity: 'high',
      customer: 'Globex Corporation',
      flow: { name: 'Billing', step: 'Export invoices' },
      tags: ['invoices', 'too many steps'],
      environment: { zoom: 1, browser: { name: expect.stringMatching(/Chrom/) } },
      diagnostics: {
        consoleErrors: [expect.objectContaining({ message: 'Ticket widget failed to load: quota exceeded' })],
        failedRequests: [expect.objectContaining({ method: 'GET', status: 404, url: fixtures.url('api/tickets/4471.json') })],
      },
    });
    expect(stored.annotations).toContainEqual(expect.objectContaining({ type: 'redact', reason: 'password field' }));
  });

  it('remembers the flow for the site, and suggests the customer used before', async () => {
    const site = await chromium.context.newPage();
    await site.goto(fixtures.url('ticket.html?again'));
    const { editor } = await startFromPopup(chromium, site, 'Capture this screen');
    await expect.poll(() => editor.getByLabel('Flow').inputValue()).toBe('Billing');
    await expect.poll(() => editor.getByLabel('Step').inputValue()).toBe('Export invoices');
    expect(await editor.locator('datalist option[value="Globex Corporation"]').count()).toBe(1);
    await editor.getByRole('button', { name: 'Discard' }).click();
  });

  it('captures a full page taller than the window, puts the page back as it was, and sends it whole', async () => {
    const site = await chromium.context.newPage();
    await site.goto(fixtures.url('dashboard.html'));
    await site.evaluate(() => window.scrollTo(0, 300));
    const { editor } = await startFromPopup(chromium, site, 'Capture full page');
    await expect.poll(() => editor.getByRole('heading', { level: 1 }).innerText(), { timeout: 60_000 }).toBe('New full-page screenshot');
    // The page is as the user left it: scrolled where it was, its sticky header and chat button shown.
    expect(await site.evaluate(() => window.scrollY)).toBe(300);
    expect(await site.evaluate(() => document.querySelectorAll('[data-snag-visibility]').length)).toBe(0);
    expect(await site.evaluate(() => getComputedStyle(document.getElementById('chat') ?? document.body).visibility)).toBe('visible');
    const image = editor.getByRole('img', { name: /^Screenshot of / });
    const size = await image.evaluate((element) => (element instanceof HTMLImageElement ? { width: element.naturalWidth, height: element.naturalHeight } : null));
    const pageHeight = await site.evaluate(() => document.documentElement.scrollHeight);
    expect(size?.height).toBe(pageHeight);
    expect(size?.width).toBeGreaterThan(1000);
    await editor.getByRole('button', { name: 'Save', exact: true }).click();

    const stored = await nextCapture();
    expect(stored.screenshot?.contentType).toBe('image/webp');
    const bytes = await fetch(`${server.url}/api/v1/captures/${stored.id}/screenshot`, { headers: { authorization: `Bearer ${server.token}` } });
    const dimensions = await webpSize(new Uint8Array(await bytes.arrayBuffer()));
    expect(dimensions.height).toBe(pageHeight);
  });

  it('pins an element picked with the mouse: locators and an outline arrive with the screenshot', async () => {
    const site = await chromium.context.newPage();
    await site.goto(fixtures.url('ticket.html?pin'));
    const pageClicks = await site.evaluateHandle(() => {
      const clicks = { count: 0 };
      document.querySelector('[data-testid="reply"]')?.addEventListener('click', () => (clicks.count += 1));
      return clicks;
    });
    const popup = await chromium.context.newPage();
    await popup.goto(chromium.extensionUrl('popup.html'));
    await site.bringToFront();
    await popup.getByRole('button', { name: 'Pin element' }).click();
    await site.bringToFront();
    await expect.poll(() => site.locator('snag-element-picker').count()).toBe(1);
    const box = await site.locator('[data-testid="reply"]').boundingBox();
    if (!box) throw new Error('the button has no box');
    await site.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
    await site.mouse.click(box.x + box.width / 2, box.y + box.height / 2);

    const editor = await chromium.context.waitForEvent('page', { predicate: (page) => page.url().includes('/editor.html?draft='), timeout: 30_000 });
    await expect.poll(() => editor.getByRole('heading', { level: 1 }).innerText()).toBe('New pin');
    await expect.poll(() => editor.locator('figcaption').innerText()).toContain('1 highlight.');
    // The page never saw the click, and the picker is gone.
    expect(await pageClicks.evaluate((clicks) => clicks.count)).toBe(0);
    expect(await site.locator('snag-element-picker').count()).toBe(0);
    await editor.getByLabel('Comment').fill('Reply button does nothing');
    await editor.getByRole('button', { name: 'Save', exact: true }).click();

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
    const site = await chromium.context.newPage();
    await site.goto(fixtures.url('ticket.html?cancel'));
    const popup = await chromium.context.newPage();
    await popup.goto(chromium.extensionUrl('popup.html'));
    await site.bringToFront();
    await popup.getByRole('button', { name: 'Pin element' }).click();
    await site.bringToFront();
    await expect.poll(() => site.locator('snag-element-picker').count()).toBe(1);
    await site.keyboard.press('Escape');
    await expect.poll(() => site.locator('snag-element-picker').count()).toBe(0);
  });

  it('clips text with its context and a link that reopens the page at the quote', async () => {
    const site = await chromium.context.newPage();
    await site.goto(fixtures.url('ticket.html?clip'));
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
    const { editor } = await startFromPopup(chromium, site, 'Clip selection');
    await expect.poll(() => editor.getByLabel('Clipped text').innerText()).toBe('export button');
    await editor.getByRole('button', { name: 'Save', exact: true }).click();

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
    const dashboard = await chromium.context.newPage();
    await dashboard.goto(server.url);
    await signInToDashboard(dashboard, server);
    const classified = arrived.find((item) => item.category === 'friction');
    if (!classified) throw new Error('the classified capture did not arrive');
    const card = dashboard.locator(`article[data-capture-id="${classified.id}"]`);
    await expect.poll(() => card.innerText()).toContain('Globex Corporation');
    await card.getByRole('link', { name: 'Helpdesk · Ticket 4471' }).click();
    await expect.poll(() => dashboard.getByRole('heading', { name: 'Console and network' }).count()).toBe(1);
    expect(await dashboard.getByText('Ticket widget failed to load: quota exceeded').count()).toBe(1);
    expect(await dashboard.getByRole('row', { name: /Severity High/ }).count()).toBe(1);
  });

  it('counts the capture classified as friction wherever friction is counted: feed filter, onboarding, digest, Reports', async () => {
    const classified = arrived.find((item) => item.category === 'friction');
    if (!classified) throw new Error('the classified capture did not arrive');
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

    // Signed in already (the test before, same browser context).
    const dashboard = await chromium.context.newPage();
    await dashboard.goto(`${server.url}/#/?category=friction`);
    await expect.poll(() => dashboard.locator(`article[data-capture-id="${classified.id}"]`).count()).toBe(1);
    await dashboard.goto(`${server.url}/#/reports`);
    const worst = dashboard.locator('.headline-numbers div').filter({ hasText: 'Worst onboarding step' }).locator('dd');
    await expect.poll(() => worst.innerText()).toContain("Billing: Step 'Export invoices' hurts most");
  });
});

/** Width and height of a WebP image, from its header (lossy VP8, lossless VP8L or extended VP8X). */
async function webpSize(bytes: Uint8Array): Promise<{ width: number; height: number }> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunk = String.fromCharCode(...bytes.slice(12, 16));
  if (chunk === 'VP8X') return { width: 1 + (view.getUint32(24, true) & 0xffffff), height: 1 + (view.getUint32(27, true) & 0xffffff) };
  if (chunk === 'VP8L') {
    const bits = view.getUint32(21, true);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
  }
  if (chunk === 'VP8 ') return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  throw new Error(`not a WebP image (${chunk})`);
}

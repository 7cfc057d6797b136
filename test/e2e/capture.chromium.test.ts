import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { e2eExtensionDir } from './harness/build-extension';
import { launchChromiumWithExtension, showTokenField, waitForPage, type ChromiumWithExtension } from './harness/chromium';
import { startFixtureServer, type FixtureServer } from './harness/fixture-server';
import { startSnagServer, type RunningSnagServer } from './harness/snag-server';
import { clippedText, expectScreenshotAndClip, fixtureTitle } from './harness/expectations';
import { signInToDashboard } from './harness/dashboard-session';

describe('Chromium: capture in the extension → outbox → server → ops feed', () => {
  let fixtures: FixtureServer;
  let server: RunningSnagServer;
  let chromium: ChromiumWithExtension;

  beforeAll(async () => {
    const extensionDir = e2eExtensionDir('chrome');
    [fixtures, server] = await Promise.all([startFixtureServer(), startSnagServer()]);
    chromium = await launchChromiumWithExtension(extensionDir);
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
    await fixtures?.close();
  });

  it('connects to the server from Options, and says so', async () => {
    const options = await chromium.context.newPage();
    await options.goto(chromium.extensionUrl('options.html'));
    await showTokenField(options);
    await options.getByLabel('Server URL').fill(server.url);
    await options.getByLabel('Access token').fill('wrong-token');
    await options.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => options.getByRole('status').innerText()).toBe(
      'The server rejected the token: paste a valid one',
    );
    await options.getByLabel('Access token').fill(server.token);
    await options.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => options.getByRole('status').innerText()).toBe('Saved');
    await options.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => options.getByRole('status').innerText()).toBe('Connected as Admin');
    await options.close();
  });

  it('takes an annotated screenshot and a text clip that arrive at the server and show in the feed', async () => {
    const site = await chromium.context.newPage();
    await site.goto(fixtures.url('account.html'));
    const popup = await chromium.context.newPage();
    await popup.goto(chromium.extensionUrl('popup.html'));

    // The popup acts on the tab the user is looking at, so the fixture page goes to the front.
    await site.bringToFront();
    await popup.getByRole('button', { name: 'Capture this screen' }).click();
    const editor = await waitForPage(chromium.context, (url) => url.includes('/editor.html?draft='));
    const screenshotEditorUrl = editor.url();
    await expect.poll(() => editor.getByRole('heading', { level: 1 }).innerText()).toBe('New screenshot');
    await drawHighlight(editor);
    await expect.poll(() => editor.locator('figcaption').innerText()).toContain('1 highlight.');
    await editor.getByLabel('Comment').fill('Export button greyed out (Chromium)');
    await editor.getByLabel('Tags').fill('Billing, blocked');
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => editor.getByRole('status').innerText().catch(() => 'closed')).toMatch(/Saved|closed/);

    await site.bringToFront();
    await selectText(site, '#issue');
    await popup.getByRole('button', { name: 'Clip selection' }).click();
    const clipEditor = await waitForPage(
      chromium.context,
      (url) => url.includes('/editor.html?draft=') && url !== screenshotEditorUrl,
    );
    await expect.poll(() => clipEditor.getByLabel('Clipped text').innerText()).toBe(clippedText);
    await clipEditor.getByLabel('Comment').fill('Customer quote (Chromium)');
    await clipEditor.getByRole('button', { name: 'Save' }).click();

    const fixtureUrl = fixtures.url('account.html');
    const { screenshot } = await expectScreenshotAndClip(server.url, server.token, fixtureUrl, 'Chromium');
    expect(screenshot.screenshot?.contentType).toBe('image/webp');

    await expect.poll(() => popup.getByText(/^Sent: \d+$/).innerText(), { timeout: 15_000 }).toBe('Sent: 2');

    const dashboard = await chromium.context.newPage();
    await dashboard.goto(server.url);
    await signInToDashboard(dashboard, server);
    const cards = dashboard.getByRole('article', { name: fixtureTitle });
    await expect.poll(() => cards.count()).toBe(2);
    await expect.poll(() => dashboard.getByText('Export button greyed out (Chromium)').count()).toBe(1);
    await expect.poll(() => dashboard.getByText(clippedText).count()).toBe(1);

    await dashboard.locator(`article[data-capture-id="${screenshot.id}"]`).getByRole('link', { name: fixtureTitle }).click();
    const image = dashboard.getByRole('img', { name: `Screenshot of ${fixtureTitle}` });
    await expect.poll(() => image.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await expect.poll(() => dashboard.locator('svg rect').count()).toBeGreaterThan(0);
  });
});

async function drawHighlight(editor: Page): Promise<void> {
  const overlay = editor.locator('.annotator svg');
  await overlay.waitFor();
  const box = await overlay.boundingBox();
  if (!box) throw new Error('the annotation overlay has no box');
  await editor.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.2);
  await editor.mouse.down();
  await editor.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.4, { steps: 5 });
  await editor.mouse.up();
}

async function selectText(page: Page, selector: string): Promise<void> {
  await page.locator(selector).evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
  });
}

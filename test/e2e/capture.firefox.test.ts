import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { e2eExtensionDir } from './harness/build-extension';
import { signInToDashboardFirefox } from './harness/dashboard-session';
import {
  clickButton,
  fill,
  launchFirefoxWithExtension,
  openExtensionPage,
  showTokenField,
  waitForPageAt,
  waitForStatus,
  type FirefoxWithExtension,
} from './harness/firefox';
import { startFixtureServer, type FixtureServer } from './harness/fixture-server';
import { startSnagServer, type RunningSnagServer } from './harness/snag-server';
import { clippedText, expectScreenshotAndClip, fixtureTitle } from './harness/expectations';

describe('Firefox: capture in the extension → outbox → server → ops feed', () => {
  let fixtures: FixtureServer;
  let server: RunningSnagServer;
  let firefox: FirefoxWithExtension;

  beforeAll(async () => {
    const extensionDir = e2eExtensionDir('firefox');
    [fixtures, server] = await Promise.all([startFixtureServer(), startSnagServer()]);
    firefox = await launchFirefoxWithExtension(extensionDir);
  });

  afterAll(async () => {
    await firefox?.close();
    await server?.stop();
    await fixtures?.close();
  });

  it('connects to the server from Options, and says so', async () => {
    const options = await openExtensionPage(firefox.browser, firefox.extensionUrl('options.html'), 'form');
    await showTokenField(options);
    await fill(options, 'Server URL', server.url);
    await fill(options, 'Access token', 'wrong-token');
    await clickButton(options, 'Test connection');
    await waitForStatus(options, 'The server rejected the token: paste a valid one');
    await fill(options, 'Access token', server.token);
    await clickButton(options, 'Save');
    await waitForStatus(options, 'Saved');
    await clickButton(options, 'Test connection');
    await waitForStatus(options, 'Connected as Admin');
    await options.close();
  });

  it('takes an annotated screenshot and a text clip that arrive at the server and show in the feed', async () => {
    const site = await firefox.browser.newPage();
    await site.goto(fixtures.url('account.html'));
    const popup = await openExtensionPage(firefox.browser, firefox.extensionUrl('popup.html'), 'button');

    // The popup acts on the tab the user is looking at, so the fixture page goes to the front.
    await site.bringToFront();
    await clickButton(popup, 'Capture this screen');
    const editor = await waitForPageAt(firefox.browser, (url) => url.includes('/editor.html?draft='));
    const screenshotEditorUrl = await editor.evaluate(() => location.href);
    await editor.waitForFunction(() => document.querySelector('h1')?.textContent === 'New screenshot');
    await drawHighlight(editor);
    await editor.waitForFunction(() => document.querySelector('figcaption')?.textContent?.includes('1 highlight.'));
    await fill(editor, 'Comment', 'Export button greyed out (Firefox)');
    await fill(editor, 'Tags', 'Billing, blocked');
    await clickButton(editor, 'Save');

    await site.bringToFront();
    await site.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.querySelector('#issue') ?? document.body);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
    });
    await clickButton(popup, 'Clip selection');
    const clipEditor = await waitForPageAt(
      firefox.browser,
      (url) => url.includes('/editor.html?draft=') && url !== screenshotEditorUrl,
    );
    await clipEditor.waitForFunction(
      (text) => document.querySelector('blockquote[aria-label="Clipped text"]')?.textContent === text,
      {},
      clippedText,
    );
    await fill(clipEditor, 'Comment', 'Customer quote (Firefox)');
    await clickButton(clipEditor, 'Save');

    const fixtureUrl = fixtures.url('account.html');
    const { screenshot } = await expectScreenshotAndClip(server.url, server.token, fixtureUrl, 'Firefox');
    expect(['image/webp', 'image/png']).toContain(screenshot.screenshot?.contentType);
    await popup.waitForFunction(
      () => [...document.querySelectorAll('li')].some((item) => item.textContent === 'Sent: 2'),
      { timeout: 15_000 },
    );

    const dashboard = await firefox.browser.newPage();
    await dashboard.goto(server.url);
    await signInToDashboardFirefox(dashboard, server);
    await dashboard.waitForFunction(
      (title) => [...document.querySelectorAll('article h2')].filter((h) => h.textContent === title).length === 2,
      { timeout: 30_000 },
      fixtureTitle,
    );
    const feedText = await dashboard.evaluate(() => document.querySelector('main')?.textContent ?? '');
    expect(feedText).toContain('Export button greyed out (Firefox)');
    expect(feedText).toContain(clippedText);

    await dashboard.click(`article[data-capture-id="${screenshot.id}"] h2 a`);
    await dashboard.waitForFunction(
      (alt) => {
        const image = [...document.querySelectorAll('img')].find((element) => element.alt === alt);
        return image !== undefined && image.complete && image.naturalWidth > 0;
      },
      { timeout: 30_000 },
      `Screenshot of ${fixtureTitle}`,
    );
    expect(await dashboard.$$eval('svg rect', (rects) => rects.length)).toBeGreaterThan(0);
  });
});

async function drawHighlight(editor: Page): Promise<void> {
  const overlay = await editor.waitForSelector('.annotator svg');
  const box = await overlay?.boundingBox();
  if (!box) throw new Error('the annotation overlay has no box');
  await editor.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.2);
  await editor.mouse.down();
  await editor.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.4, { steps: 5 });
  await editor.mouse.up();
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { reviewedCapture } from '#shared/review';
import { e2eExtensionDir } from './harness/build-extension';
import { waitForCaptures } from './harness/expectations';
import { clickButton, connectExtension, launchFirefoxWithExtension, openExtensionPage, waitForPageAt, type FirefoxWithExtension } from './harness/firefox';
import { startFixtureServer, type FixtureServer } from './harness/fixture-server';
import { expectBlack, expectBoxesOver, LONG_TICKET_REASONS, measureSpans, SWITCHED_TAB } from './harness/full-page-checks';
import { measureRegions, redactionsByReason } from './harness/redaction-pixels';
import { startSnagServer, type RunningSnagServer } from './harness/snag-server';

describe('Firefox: a full-page capture shows one page, redacted in every section', () => {
  let fixtures: FixtureServer;
  let server: RunningSnagServer;
  let firefox: FirefoxWithExtension;

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

  it('covers fields rendered on scrolling, personal data far down the page and fixed private elements (once)', async () => {
    const site = await firefox.browser.newPage();
    await site.goto(fixtures.url('long-ticket.html'));
    const popup = await openExtensionPage(firefox.browser, firefox.extensionUrl('popup.html'), 'button');
    await site.bringToFront();
    await clickButton(popup, 'Capture full page');

    const editor = await waitForPageAt(firefox.browser, (url) => url.includes('/editor.html?draft='));
    await editor.waitForFunction(() => document.querySelector('h1')?.textContent === 'New full-page screenshot', { timeout: 60_000 });
    await editor.waitForFunction(() => document.querySelector('.redactions'), { timeout: 30_000 });
    const listed = await editor.evaluate(() => document.querySelector('.redactions')?.textContent ?? '');
    for (const reason of LONG_TICKET_REASONS) expect(listed).toContain(`Added by Snag: ${reason}`);
    expect(listed.match(/marked private by the page/g)).toHaveLength(1);
    await clickButton(editor, 'Save');

    const stored = reviewedCapture.parse((await waitForCaptures(server.url, server.token, 1)).find((item) => item.page.title.includes('6230')));
    const redactions = redactionsByReason(stored.annotations);
    expect([...redactions.keys()].sort()).toEqual(LONG_TICKET_REASONS);
    const height = await site.evaluate(() => document.documentElement.scrollHeight);
    expectBoxesOver(redactions, await site.evaluate(measureSpans), height);

    const response = await fetch(`${server.url}/api/v1/captures/${stored.id}/screenshot`, { headers: { authorization: `Bearer ${server.token}` } });
    const uploaded = Buffer.from(await response.arrayBuffer()).toString('base64');
    const decoder = await openExtensionPage(firefox.browser, firefox.extensionUrl('options.html'), 'form');
    const regions = LONG_TICKET_REASONS.flatMap((reason) => {
      const box = redactions.get(reason);
      return box ? [box] : [];
    });
    expectBlack(await decoder.evaluate(measureRegions, { uploaded, original: uploaded, regions }));
  });

  it('stops when the user switches to another tab midway, says why, offers to retry, and saves nothing', async () => {
    const other = await firefox.browser.newPage();
    await other.goto(fixtures.url('ticket.html?other-tab'));
    const site = await firefox.browser.newPage();
    await site.goto(fixtures.url('long-ticket.html?switch'));
    await site.evaluate(() => window.scrollTo(0, 200));
    const popup = await openExtensionPage(firefox.browser, firefox.extensionUrl('popup.html'), 'button');
    await site.bringToFront();
    const editorsBefore = await editorCount();

    await clickButton(popup, 'Capture full page');
    await popup.waitForFunction(() => /Section [2-9] of \d+/.test(document.querySelector('.full-page-progress')?.textContent ?? ''), { timeout: 30_000 });
    await other.bringToFront();
    await popup.waitForFunction((text) => document.querySelector('[role="status"]')?.textContent?.includes(text), { timeout: 30_000 }, SWITCHED_TAB);
    await buttonShown(popup, 'Try the full page again');
    expect(await editorCount()).toBe(editorsBefore);
    expect(await site.evaluate(() => window.scrollY)).toBe(200);
    expect(await site.evaluate(() => document.querySelectorAll('[data-snag-visibility]').length)).toBe(0);
  });

  /** Editor tabs open now (BiDi reports extension pages as about:blank: ask each page). */
  async function editorCount(): Promise<number> {
    let count = 0;
    for (const page of await firefox.browser.pages()) {
      if ((await page.evaluate(() => location.href).catch(() => '')).includes('/editor.html')) count += 1;
    }
    return count;
  }
});

async function buttonShown(page: Page, name: string): Promise<void> {
  await page.waitForFunction((text) => [...document.querySelectorAll('button')].some((button) => button.textContent?.trim() === text), { timeout: 30_000 }, name);
}

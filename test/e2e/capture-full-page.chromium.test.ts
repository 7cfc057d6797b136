import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewedCapture } from '#shared/review';
import { e2eExtensionDir } from './harness/build-extension';
import { connectExtension, launchChromiumWithExtension, startFromPopup, type ChromiumWithExtension } from './harness/chromium';
import { waitForCaptures } from './harness/expectations';
import { startFixtureServer, type FixtureServer } from './harness/fixture-server';
import { expectBlack, expectBoxesOver, LONG_TICKET_REASONS, measureSpans, SWITCHED_TAB } from './harness/full-page-checks';
import { measureRegions, redactionsByReason } from './harness/redaction-pixels';
import { startSnagServer, type RunningSnagServer } from './harness/snag-server';

describe('Chromium: a full-page capture shows one page, redacted in every section', () => {
  let fixtures: FixtureServer;
  let server: RunningSnagServer;
  let chromium: ChromiumWithExtension;

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

  it('covers fields rendered on scrolling, personal data far down the page and fixed private elements (once)', async () => {
    const site = await chromium.context.newPage();
    await site.goto(fixtures.url('long-ticket.html'));
    const { editor } = await startFromPopup(chromium, site, 'Capture full page');
    await expect.poll(() => editor.getByRole('heading', { level: 1 }).innerText(), { timeout: 60_000 }).toBe('New full-page screenshot');
    const list = editor.getByRole('region', { name: 'Redacted before upload' });
    for (const reason of LONG_TICKET_REASONS) await expect.poll(() => list.innerText()).toContain(`Added by Snag: ${reason}`);
    expect((await list.innerText()).match(/marked private by the page/g)).toHaveLength(1);
    await editor.getByRole('button', { name: 'Save', exact: true }).click();

    const stored = reviewedCapture.parse((await waitForCaptures(server.url, server.token, 1)).find((item) => item.page.title.includes('6230')));
    const redactions = redactionsByReason(stored.annotations);
    expect([...redactions.keys()].sort()).toEqual(LONG_TICKET_REASONS);
    const height = await site.evaluate(() => document.documentElement.scrollHeight);
    expectBoxesOver(redactions, await site.evaluate(measureSpans), height);

    const response = await fetch(`${server.url}/api/v1/captures/${stored.id}/screenshot`, { headers: { authorization: `Bearer ${server.token}` } });
    const uploaded = Buffer.from(await response.arrayBuffer()).toString('base64');
    const decoder = await chromium.context.newPage();
    await decoder.goto(chromium.extensionUrl('options.html'));
    const regions = LONG_TICKET_REASONS.flatMap((reason) => {
      const box = redactions.get(reason);
      return box ? [box] : [];
    });
    expectBlack(await decoder.evaluate(measureRegions, { uploaded, original: uploaded, regions }));
  });

  it('stops when the user switches to another tab midway, says why, offers to retry, and saves nothing', async () => {
    const other = await chromium.context.newPage();
    await other.goto(fixtures.url('ticket.html?other-tab'));
    const site = await chromium.context.newPage();
    await site.goto(fixtures.url('long-ticket.html?switch'));
    await site.evaluate(() => window.scrollTo(0, 200));
    const popup = await chromium.context.newPage();
    await popup.goto(chromium.extensionUrl('popup.html'));
    await site.bringToFront();
    const known = new Set(chromium.context.pages());

    await popup.getByRole('button', { name: 'Capture full page' }).click();
    await expect.poll(() => popup.locator('.full-page-progress').innerText().catch(() => ''), { timeout: 30_000 }).toMatch(/Section [2-9] of \d+/);
    await other.bringToFront();
    await expect.poll(() => popup.getByRole('status').innerText(), { timeout: 30_000 }).toContain(SWITCHED_TAB);
    await expect.poll(() => popup.getByRole('button', { name: 'Try the full page again' }).count()).toBe(1);
    expect(chromium.context.pages().filter((page) => !known.has(page) && page.url().includes('/editor.html'))).toEqual([]);
    // The page is as the user left it.
    expect(await site.evaluate(() => window.scrollY)).toBe(200);
    expect(await site.evaluate(() => document.querySelectorAll('[data-snag-visibility]').length)).toBe(0);
  });
});

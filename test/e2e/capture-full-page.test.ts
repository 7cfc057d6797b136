import { expect, it } from 'vitest';
import { reviewedCapture } from '#shared/review';
import { editorCount, startFromPopup, waitForHeading, waitForStatus } from './harness/extension-steps';
import { waitForCaptures } from './harness/expectations';
import { expectBlack, expectBoxesOver, LONG_TICKET_REASONS, measureSpans, SWITCHED_TAB } from './harness/full-page-checks';
import { textOf, waitForText } from './harness/page-text';
import { measureRegions, redactionsByReason } from './harness/redaction-pixels';
import { forEachBrowser, useSnagWorld } from './harness/snag-setup';

forEachBrowser('a full-page capture shows one page, redacted in every section', (name) => {
  const world = useSnagWorld(name);

  it('covers fields rendered on scrolling, personal data far down the page and fixed private elements (once)', async () => {
    const { browser, server, fixtures } = world();
    const site = await browser.openPage(fixtures.url('long-ticket.html'));
    const { editor } = await startFromPopup(browser, site, 'Capture full page');
    await waitForHeading(editor, 'New full-page screenshot');
    for (const reason of LONG_TICKET_REASONS) await waitForText(editor, '.redactions', { contains: `Added by Snag: ${reason}` });
    expect((await textOf(editor, '.redactions')).match(/marked private by the page/g)).toHaveLength(1);
    await editor.click('Save');

    const stored = reviewedCapture.parse((await waitForCaptures(server.url, server.token, 1)).find((item) => item.page.title.includes('6230')));
    const redactions = redactionsByReason(stored.annotations);
    expect([...redactions.keys()].sort()).toEqual(LONG_TICKET_REASONS);
    const height = await site.evaluate(() => document.documentElement.scrollHeight);
    expectBoxesOver(redactions, await site.evaluate(measureSpans), height);

    const response = await fetch(`${server.url}/api/v1/captures/${stored.id}/screenshot`, { headers: { authorization: `Bearer ${server.token}` } });
    const uploaded = Buffer.from(await response.arrayBuffer()).toString('base64');
    const decoder = await browser.openExtensionPage('options.html');
    const regions = LONG_TICKET_REASONS.flatMap((reason) => {
      const box = redactions.get(reason);
      return box ? [box] : [];
    });
    expectBlack(await decoder.evaluate(measureRegions, { uploaded, original: uploaded, regions }));
  });

  it('stops when the user switches to another tab midway, says why, offers to retry, and saves nothing', async () => {
    const { browser, fixtures } = world();
    const other = await browser.openPage(fixtures.url('ticket.html?other-tab'));
    const site = await browser.openPage(fixtures.url('long-ticket.html?switch'));
    await site.evaluate(() => window.scrollTo(0, 200));
    const popup = await browser.openExtensionPage('popup.html');
    await site.bringToFront();
    const editorsBefore = await editorCount(browser);

    await popup.click('Capture full page');
    await waitForText(popup, '.full-page-progress', /Section [2-9] of \d+/);
    await other.bringToFront();
    await waitForStatus(popup, { contains: SWITCHED_TAB });
    await popup.waitUntil(() => [...document.querySelectorAll('button')].some((button) => button.textContent?.trim() === 'Try the full page again'));
    expect(await editorCount(browser)).toBe(editorsBefore);
    // The page is as the user left it.
    expect(await site.evaluate(() => window.scrollY)).toBe(200);
    expect(await site.evaluate(() => document.querySelectorAll('[data-snag-visibility]').length)).toBe(0);
  });
});

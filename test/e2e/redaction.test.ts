import { expect, it } from 'vitest';
import { reviewedCapture } from '#shared/review';
import type { ExtensionBrowser, Tab } from './harness/driver';
import { startFromPopup } from './harness/extension-steps';
import { waitForCaptures } from './harness/expectations';
import { waitForText } from './harness/page-text';
import {
  expectCoveredPixels,
  expectRedactedPixels,
  measureRegions,
  redactionsByReason,
  SUPPORT_PAGE_REASONS,
  type Region,
} from './harness/redaction-pixels';
import { forEachBrowser, useSnagWorld } from './harness/snag-setup';

forEachBrowser('private data never leaves the browser', (name) => {
  const world = useSnagWorld(name);

  it('redacts private fields in the uploaded pixels and scrubs the text', async () => {
    const { browser, server, fixtures } = world();
    const site = await browser.openPage(fixtures.url('private.html?session=abc123&tab=billing'));
    const { editor } = await startFromPopup(browser, site, 'Capture this screen');
    await waitForText(editor, 'figcaption', { contains: '3 areas redacted.' });
    await expectListed(editor, ['password field', 'payment card field', 'marked private by the page']);
    // The private paragraph is pixelated rather than blacked out.
    await editor.click(/^Select redaction \d+ \(Added by Snag: marked private by the page\)$/);
    await editor.click('Pixelate');
    await editor.fill('Comment', 'Jane (jane@example.com) cannot update her card');
    await waitForText(editor, '.scrub-notice', 'Hidden when you save: 1 email address, 1 secret or token.');
    await editor.click('Save');

    const [item] = await waitForCaptures(server.url, server.token, 1);
    const stored = reviewedCapture.parse(item);
    expect(stored.comment).toBe('Jane ([email]) cannot update her card');
    expect(stored.page.url).toBe(fixtures.url('private.html?session=[redacted]&tab=billing'));
    const redactions = redactionsByReason(stored.annotations);
    expect([...redactions.keys()].sort()).toEqual(['marked private by the page', 'password field', 'payment card field']);
    expect(redactions.get('marked private by the page')?.style).toBe('blur');

    const box = (reason: string): Region => {
      const redaction = redactions.get(reason);
      if (!redaction) throw new Error(`no redaction for ${reason}`);
      return redaction;
    };
    const regions = [box('password field'), box('payment card field'), box('marked private by the page')];
    const [password, card, pixelated, heading] = await measureAgainstPage(browser, server, stored.id, site, regions);
    if (!password || !card || !pixelated || !heading) throw new Error('missing measurements');
    expectRedactedPixels({ solid: [password, card], pixelated, control: heading });
  });

  it('covers emails, phone and card numbers shown on the page, and fields in same-origin frames at any depth', async () => {
    const { browser, server, fixtures } = world();
    const site = await browser.openPage(fixtures.url('support.html'));
    const { editor } = await startFromPopup(browser, site, 'Capture this screen');
    await waitForText(editor, 'figcaption', { contains: '5 areas redacted.' });
    await expectListed(editor, SUPPORT_PAGE_REASONS);
    await editor.click('Save');

    const stored = reviewedCapture.parse((await waitForCaptures(server.url, server.token, 2)).find((item) => item.page.title.includes('Ticket 5120')));
    const redactions = redactionsByReason(stored.annotations);
    expect([...redactions.keys()].sort()).toEqual(SUPPORT_PAGE_REASONS);
    const regions = SUPPORT_PAGE_REASONS.flatMap((reason) => {
      const redaction = redactions.get(reason);
      return redaction ? [redaction] : [];
    });
    const stats = await measureAgainstPage(browser, server, stored.id, site, regions);
    const controlStats = stats.pop();
    if (!controlStats || stats.length !== SUPPORT_PAGE_REASONS.length) throw new Error('missing measurements');
    expectCoveredPixels({ covered: stats, control: controlStats });
  });
});

/** The editor's "Redacted before upload" list names each reason. */
async function expectListed(editor: Tab, reasons: readonly string[]): Promise<void> {
  for (const reason of reasons) await waitForText(editor, '.redactions', { contains: `Added by Snag: ${reason}` });
}

/**
 * Measures `regions`, and the page's unredacted heading (#control) last, in the uploaded screenshot
 * against a screenshot of the same viewport taken now (the page has not changed).
 */
async function measureAgainstPage(
  browser: ExtensionBrowser,
  server: { url: string; token: string },
  captureId: string,
  site: Tab,
  regions: Region[],
) {
  const response = await fetch(`${server.url}/api/v1/captures/${captureId}/screenshot`, { headers: { authorization: `Bearer ${server.token}` } });
  const uploaded = Buffer.from(await response.arrayBuffer()).toString('base64');
  await site.bringToFront();
  const original = (await site.screenshot()).toString('base64');
  const control = await site.evaluate((): Region => {
    const box = document.querySelector('#control')?.getBoundingClientRect();
    if (!box) throw new Error('the heading has no box');
    return { x: box.x / innerWidth, y: box.y / innerHeight, width: box.width / innerWidth, height: box.height / innerHeight };
  });
  // A page to decode images in (the editor closed itself after Save): any extension page will do.
  const decoder = await browser.openExtensionPage('options.html');
  return decoder.evaluate(measureRegions, { uploaded, original, regions: [...regions, control] });
}

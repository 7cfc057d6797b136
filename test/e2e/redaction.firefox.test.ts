import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewedCapture } from '#shared/review';
import { e2eExtensionDir } from './harness/build-extension';
import { waitForCaptures } from './harness/expectations';
import {
  clickButton,
  connectExtension,
  fill,
  launchFirefoxWithExtension,
  openExtensionPage,
  waitForPageAt,
  type FirefoxWithExtension,
} from './harness/firefox';
import { startFixtureServer, type FixtureServer } from './harness/fixture-server';
import {
  expectCoveredPixels,
  expectRedactedPixels,
  measureRegions,
  redactionsByReason,
  SUPPORT_PAGE_REASONS,
  type Region,
} from './harness/redaction-pixels';
import { startSnagServer, type RunningSnagServer } from './harness/snag-server';

describe('Firefox: private data never leaves the browser', () => {
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

  it('redacts private fields in the uploaded pixels and scrubs the text', async () => {
    const site = await firefox.browser.newPage();
    await site.goto(fixtures.url('private.html?session=abc123&tab=billing'));
    const popup = await openExtensionPage(firefox.browser, firefox.extensionUrl('popup.html'), 'button');
    await site.bringToFront();
    await clickButton(popup, 'Capture this screen');

    const editor = await waitForPageAt(firefox.browser, (url) => url.includes('/editor.html?draft='));
    await editor.waitForFunction(() => document.querySelector('figcaption')?.textContent?.includes('3 areas redacted.'), { timeout: 30_000 });
    const listed = await editor.evaluate(() => document.querySelector('.redactions')?.textContent ?? '');
    for (const reason of ['password field', 'payment card field', 'marked private by the page']) {
      expect(listed).toContain(`Added by Snag: ${reason}`);
    }
    // The private paragraph is pixelated rather than blacked out.
    await editor.evaluate(() =>
      [...document.querySelectorAll('button')]
        .find((button) => /^Select redaction \d+ \(Added by Snag: marked private by the page\)$/.test(button.getAttribute('aria-label') ?? ''))
        ?.click(),
    );
    await clickButton(editor, 'Pixelate');
    await fill(editor, 'Comment', 'Jane (jane@example.com) cannot update her card');
    await editor.waitForFunction(
      () => document.querySelector('.scrub-notice')?.textContent === 'Hidden when you save: 1 email address, 1 secret or token.',
    );
    await clickButton(editor, 'Save');

    const [item] = await waitForCaptures(server.url, server.token, 1);
    const stored = reviewedCapture.parse(item);
    expect(stored.comment).toBe('Jane ([email]) cannot update her card');
    expect(stored.page.url).toBe(fixtures.url('private.html?session=[redacted]&tab=billing'));
    const redactions = redactionsByReason(stored.annotations);
    expect([...redactions.keys()].sort()).toEqual(['marked private by the page', 'password field', 'payment card field']);
    expect(redactions.get('marked private by the page')?.style).toBe('blur');

    const response = await fetch(`${server.url}/api/v1/captures/${stored.id}/screenshot`, {
      headers: { authorization: `Bearer ${server.token}` },
    });
    const uploaded = Buffer.from(await response.arrayBuffer()).toString('base64');
    await site.bringToFront();
    // The same viewport as the extension captured it, for comparison; the page has not changed.
    const original = Buffer.from(await site.screenshot()).toString('base64');
    const control = await site.evaluate((): Region => {
      const box = document.querySelector('#control')?.getBoundingClientRect();
      if (!box) throw new Error('the heading has no box');
      return { x: box.x / innerWidth, y: box.y / innerHeight, width: box.width / innerWidth, height: box.height / innerHeight };
    });
    const box = (reason: string): Region => {
      const redaction = redactions.get(reason);
      if (!redaction) throw new Error(`no redaction for ${reason}`);
      return redaction;
    };

    // A page to decode images in (the editor closed itself after Save): any extension page will do.
    const decoder = await openExtensionPage(firefox.browser, firefox.extensionUrl('options.html'), 'form');
    const [password, card, pixelated, heading] = await decoder.evaluate(measureRegions, {
      uploaded,
      original,
      regions: [box('password field'), box('payment card field'), box('marked private by the page'), control],
    });
    if (!password || !card || !pixelated || !heading) throw new Error('missing measurements');
    expectRedactedPixels({ solid: [password, card], pixelated, control: heading });
  });

  it('covers emails, phone and card numbers shown on the page, and fields in same-origin frames at any depth', async () => {
    const site = await firefox.browser.newPage();
    await site.goto(fixtures.url('support.html'));
    const popup = await openExtensionPage(firefox.browser, firefox.extensionUrl('popup.html'), 'button');
    await site.bringToFront();
    await clickButton(popup, 'Capture this screen');

    const editor = await waitForPageAt(firefox.browser, (url) => url.includes('/editor.html?draft='));
    await editor.waitForFunction(() => document.querySelector('figcaption')?.textContent?.includes('5 areas redacted.'), { timeout: 30_000 });
    const listed = await editor.evaluate(() => document.querySelector('.redactions')?.textContent ?? '');
    for (const reason of SUPPORT_PAGE_REASONS) expect(listed).toContain(`Added by Snag: ${reason}`);
    await clickButton(editor, 'Save');

    const stored = reviewedCapture.parse((await waitForCaptures(server.url, server.token, 2)).find((item) => item.page.title.includes('Ticket 5120')));
    const redactions = redactionsByReason(stored.annotations);
    expect([...redactions.keys()].sort()).toEqual(SUPPORT_PAGE_REASONS);
    const response = await fetch(`${server.url}/api/v1/captures/${stored.id}/screenshot`, { headers: { authorization: `Bearer ${server.token}` } });
    const uploaded = Buffer.from(await response.arrayBuffer()).toString('base64');
    await site.bringToFront();
    const original = Buffer.from(await site.screenshot()).toString('base64');
    const control = await site.evaluate((): Region => {
      const box = document.querySelector('#control')?.getBoundingClientRect();
      if (!box) throw new Error('the heading has no box');
      return { x: box.x / innerWidth, y: box.y / innerHeight, width: box.width / innerWidth, height: box.height / innerHeight };
    });
    const regions = SUPPORT_PAGE_REASONS.flatMap((reason) => {
      const redaction = redactions.get(reason);
      return redaction ? [redaction] : [];
    });
    const decoder = await openExtensionPage(firefox.browser, firefox.extensionUrl('options.html'), 'form');
    const stats = await decoder.evaluate(measureRegions, { uploaded, original, regions: [...regions, control] });
    const controlStats = stats.pop();
    if (!controlStats || stats.length !== SUPPORT_PAGE_REASONS.length) throw new Error('missing measurements');
    expectCoveredPixels({ covered: stats, control: controlStats });
  });
});

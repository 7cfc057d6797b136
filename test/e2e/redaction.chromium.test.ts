import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewedCapture } from '#shared/review';
import { e2eExtensionDir } from './harness/build-extension';
import {
  connectExtension,
  launchChromiumWithExtension,
  startFromPopup,
  type ChromiumWithExtension,
} from './harness/chromium';
import { waitForCaptures } from './harness/expectations';
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

describe('Chromium: private data never leaves the browser', () => {
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

  it('redacts private fields in the uploaded pixels and scrubs the text', async () => {
    const site = await chromium.context.newPage();
    await site.goto(fixtures.url('private.html?session=abc123&tab=billing'));
    const { editor } = await startFromPopup(chromium, site, 'Capture this screen');
    await expect.poll(() => editor.locator('figcaption').innerText()).toContain('3 areas redacted.');
    const list = editor.getByRole('region', { name: 'Redacted before upload' });
    for (const reason of ['password field', 'payment card field', 'marked private by the page']) {
      await expect.poll(() => list.innerText()).toContain(`Added by Snag: ${reason}`);
    }
    // The private paragraph is pixelated rather than blacked out.
    await editor.getByRole('button', { name: /^Select redaction \d+ \(Added by Snag: marked private by the page\)$/ }).click();
    await editor.getByRole('button', { name: 'Pixelate' }).click();
    await editor.getByLabel('Comment').fill('Jane (jane@example.com) cannot update her card');
    await expect.poll(() => editor.locator('.scrub-notice').innerText()).toBe('Hidden when you save: 1 email address, 1 secret or token.');
    await editor.getByRole('button', { name: 'Save', exact: true }).click();

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
    // The same viewport as the extension captured it, for comparison; the page has not changed.
    const original = (await site.screenshot()).toString('base64');
    const controlBox = await site.locator('#control').boundingBox();
    if (!controlBox) throw new Error('the heading has no box');
    const viewport = site.viewportSize() ?? { width: 1280, height: 800 };
    const control: Region = {
      x: controlBox.x / viewport.width,
      y: controlBox.y / viewport.height,
      width: controlBox.width / viewport.width,
      height: controlBox.height / viewport.height,
    };
    const box = (reason: string): Region => {
      const redaction = redactions.get(reason);
      if (!redaction) throw new Error(`no redaction for ${reason}`);
      return redaction;
    };

    const [password, card, pixelated, heading] = await pageForDecoding(chromium).then((page) =>
      page.evaluate(measureRegions, {
        uploaded,
        original,
        regions: [box('password field'), box('payment card field'), box('marked private by the page'), control],
      }),
    );
    if (!password || !card || !pixelated || !heading) throw new Error('missing measurements');
    expectRedactedPixels({ solid: [password, card], pixelated, control: heading });
  });

  it('covers emails, phone and card numbers shown on the page, and fields in same-origin frames at any depth', async () => {
    const site = await chromium.context.newPage();
    await site.goto(fixtures.url('support.html'));
    const { editor } = await startFromPopup(chromium, site, 'Capture this screen');
    const list = editor.getByRole('region', { name: 'Redacted before upload' });
    for (const reason of SUPPORT_PAGE_REASONS) await expect.poll(() => list.innerText()).toContain(`Added by Snag: ${reason}`);
    await editor.getByRole('button', { name: 'Save', exact: true }).click();

    const stored = reviewedCapture.parse((await waitForCaptures(server.url, server.token, 2)).find((item) => item.page.title.includes('Ticket 5120')));
    const redactions = redactionsByReason(stored.annotations);
    expect([...redactions.keys()].sort()).toEqual(SUPPORT_PAGE_REASONS);
    const response = await fetch(`${server.url}/api/v1/captures/${stored.id}/screenshot`, { headers: { authorization: `Bearer ${server.token}` } });
    const uploaded = Buffer.from(await response.arrayBuffer()).toString('base64');
    const original = (await site.screenshot()).toString('base64');
    const heading = await site.locator('#control').boundingBox();
    if (!heading) throw new Error('the heading has no box');
    const viewport = site.viewportSize() ?? { width: 1280, height: 800 };
    const control: Region = { x: heading.x / viewport.width, y: heading.y / viewport.height, width: heading.width / viewport.width, height: heading.height / viewport.height };
    const regions = SUPPORT_PAGE_REASONS.flatMap((reason) => {
      const redaction = redactions.get(reason);
      return redaction ? [redaction] : [];
    });
    const stats = await pageForDecoding(chromium).then((page) => page.evaluate(measureRegions, { uploaded, original, regions: [...regions, control] }));
    const controlStats = stats.pop();
    if (!controlStats || stats.length !== SUPPORT_PAGE_REASONS.length) throw new Error('missing measurements');
    expectCoveredPixels({ covered: stats, control: controlStats });
  });
});

/** A page to decode images in (the editor closed itself after Save): any extension page will do. */
async function pageForDecoding(chromium: ChromiumWithExtension) {
  const page = await chromium.context.newPage();
  await page.goto(chromium.extensionUrl('options.html'));
  return page;
}

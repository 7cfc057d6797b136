import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { e2eExtensionDir } from './harness/build-extension';
import { launchChromiumWithExtension, type ChromiumWithExtension } from './harness/chromium';
import type { ExtensionBrowser, Tab } from './harness/driver';
import { connectExtension, startFromPopup, waitForHeading } from './harness/extension-steps';
import { waitForCaptures } from './harness/expectations';
import { startFixtureServer, type FixtureServer } from './harness/fixture-server';
import { waitForText } from './harness/page-text';
import { forEachBrowser, launchWithSnag } from './harness/snag-setup';
import { freePort, newE2eToken, startSnagServer, type RunningSnagServer } from './harness/snag-server';

// The outbox in a real browser: captures saved while the server is down arrive once it is up, a
// refused capture waits with its reason, and (Chromium) a service worker stopped in the middle of an
// upload still delivers its capture, exactly once. All wait for Snag's own retry schedule (the sync
// alarm, the upload's lease): nothing here pushes it.

forEachBrowser('offline-first sync', (name) => {
  let fixtures: FixtureServer;
  let browser: ExtensionBrowser | undefined;
  let server: RunningSnagServer | undefined;
  let proxy: FaultProxy | undefined;

  beforeAll(async () => {
    fixtures = await startFixtureServer();
  });

  afterEach(async () => {
    await browser?.close();
    await proxy?.close();
    await server?.stop();
    browser = undefined;
    proxy = undefined;
    server = undefined;
  });

  afterAll(async () => {
    await fixtures?.close();
  });

  /** Screenshot the fixture page from the popup, comment, Save. Answers the popup, left open. */
  async function captureAndSave(into: ExtensionBrowser, comment: string): Promise<Tab> {
    const site = await into.openPage(fixtures.url('account.html'));
    const { popup, editor } = await startFromPopup(into, site, 'Capture this screen');
    await waitForHeading(editor, 'New screenshot');
    await editor.fill('Comment', comment);
    const closed = editor.closed();
    await editor.click('Save');
    // The editor closes its tab once the capture is in the outbox (and the next capture's editor is a new one).
    await closed;
    return popup;
  }

  it('keeps a capture made while the server is down, and delivers it once the server is up', async () => {
    const port = await freePort();
    const token = newE2eToken();
    const launched = await launchWithSnag(name);
    browser = launched;
    await connectExtension(launched, `http://127.0.0.1:${port}`, token);

    const popup = await captureAndSave(launched, 'Saved while the server was down');
    await waitForText(popup, 'li', 'Waiting: 1');
    expect(await waitForText(popup, 'p', { contains: `Can't reach http://127.0.0.1:${port}` })).toMatch(/^Retrying: /);
    expect(await badgeText(popup)).toBe('1');

    server = await startSnagServer({ port, token });
    const [arrived] = await waitForCaptures(server.url, token, 1);
    expect(arrived).toMatchObject({ comment: 'Saved while the server was down' });
    // Chromium encodes WebP; Firefox may fall back to PNG.
    expect(name === 'Chromium' ? ['image/webp'] : ['image/webp', 'image/png']).toContain(arrived?.screenshot?.contentType);
    await waitForText(popup, 'li', 'Sent: 1');
    await expect.poll(() => badgeText(popup), { timeout: 15_000 }).toBe('');
    expect(await waitForCaptures(server.url, token, 1)).toHaveLength(1);
  });

  // Chromium only: Firefox runs Snag's background as a persistent page (Manifest V2), there is no worker to stop.
  if (name === 'Chromium') {
    it('delivers a capture exactly once when the service worker is stopped in the middle of its upload', async () => {
      server = await startSnagServer();
      // In front of the server: lets the record through, then holds the screenshot's PUT unanswered.
      proxy = await startFaultProxy(server.url);
      proxy.set('hang', 'PUT');
      const chromium = await launchChromiumWithExtension(e2eExtensionDir('chrome'));
      browser = chromium;
      await connectExtension(chromium, proxy.url, server.token);

      await captureAndSave(chromium, 'Uploaded across a stopped service worker');
      await proxy.somethingHangs();
      await stopServiceWorker(chromium);
      proxy.set('none');

      // Nothing reminds the extension: the upload's lease runs out and the sync alarm wakes a new worker.
      const [arrived] = await waitForCaptures(server.url, server.token, 1);
      expect(arrived).toMatchObject({ comment: 'Uploaded across a stopped service worker' });
      expect(await waitForCaptures(server.url, server.token, 1)).toHaveLength(1);
      if (!arrived) throw new Error('no capture arrived');
      // The record went through before the stop; the new worker resumed with the screenshot only.
      expect(proxy.received).toEqual([
        'POST /api/v1/captures',
        `PUT /api/v1/captures/${arrived.id}/screenshot`,
        `PUT /api/v1/captures/${arrived.id}/screenshot`,
      ]);
      expect(proxy.created.records.get(arrived.id)).toBe(1);
      expect(proxy.created.screenshots.get(arrived.id)).toBe(1);
    });
  }

  it('lists captures the server refuses with its reason, and lets the user retry or discard each', async () => {
    server = await startSnagServer();
    proxy = await startFaultProxy(server.url);
    proxy.set('400', 'POST');
    const launched = await launchWithSnag(name);
    browser = launched;
    await connectExtension(launched, proxy.url, server.token);
    await (await captureAndSave(launched, 'Refused, then retried')).close();
    await (await captureAndSave(launched, 'Refused, then discarded')).close();

    const popup = await launched.openExtensionPage('popup.html');
    await waitForText(popup, 'li', 'Needs attention: 2');
    expect(await badgeText(popup)).toBe('2');
    const attention = 'ul[aria-label="Captures that need attention"]';
    await popup.waitUntil((list) => document.querySelectorAll(`${list} > li`).length === 2, attention);
    await waitForText(popup, `${attention} > li:first-child`, { contains: 'injected fault: refused' });

    // Discard asks first, then deletes; Retry, once the server accepts again, sends.
    const [first, second] = [`${attention} > li:nth-child(1)`, `${attention} > li:nth-child(2)`];
    await popup.click('Discard', { within: second });
    await popup.click('Delete', { within: second });
    await waitForText(popup, 'li', 'Needs attention: 1');
    proxy.set('none');
    await popup.click('Retry', { within: first });
    await waitForText(popup, 'li', 'Sent: 1');
    expect(await popup.evaluate(() => [...document.querySelectorAll('li')].some((item) => item.textContent?.startsWith('Needs attention')))).toBe(false);
    await expect.poll(() => badgeText(popup), { timeout: 15_000 }).toBe('');

    const arrived = await waitForCaptures(server.url, server.token, 1);
    expect(arrived.map((capture) => capture.comment)).toEqual(['Refused, then retried']);
  });
});

/** The toolbar button's badge, asked of the extension API from one of its pages (`action` in MV3, `browserAction` in MV2). */
async function badgeText(extensionPage: Tab): Promise<string> {
  const text: unknown = await extensionPage.evaluate(() => {
    const api = Reflect.get(globalThis, 'browser') ?? Reflect.get(globalThis, 'chrome');
    const button = Reflect.get(api, 'action') ?? Reflect.get(api, 'browserAction');
    return Reflect.apply(Reflect.get(button, 'getBadgeText'), button, [{}]);
  });
  if (typeof text !== 'string') throw new Error(`the badge text is not a string: ${String(text)}`);
  return text;
}

/**
 * What Chrome does to an idle or misbehaving extension worker, asked for over the DevTools protocol
 * from one of the extension's pages; resolves once Chrome reports the worker stopped. (Playwright's
 * own `close` event on the worker comes minutes later.)
 */
async function stopServiceWorker(chromium: ChromiumWithExtension): Promise<void> {
  const page = await chromium.context.newPage();
  await page.goto(chromium.extensionUrl('options.html'));
  const cdp = await chromium.context.newCDPSession(page);
  const stopped = new Promise<void>((resolve) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (versions.some((version) => version.scriptURL.startsWith(chromium.extensionUrl('')) && version.runningStatus === 'stopped')) {
        resolve();
      }
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
  await cdp.detach();
  await page.close();
}


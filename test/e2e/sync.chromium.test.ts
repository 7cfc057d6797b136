import type { Page, Worker } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { e2eExtensionDir } from './harness/build-extension';
import { connectExtension, launchChromiumWithExtension, startFromPopup, type ChromiumWithExtension } from './harness/chromium';
import { waitForCaptures } from './harness/expectations';
import { startFixtureServer, type FixtureServer } from './harness/fixture-server';
import { freePort, newE2eToken, startSnagServer, type RunningSnagServer } from './harness/snag-server';

// The outbox in a real browser: captures saved while the server is down arrive once it is up, and a
// service worker stopped in the middle of an upload still delivers its capture, exactly once. Both
// wait for Snag's own retry schedule (the sync alarm, the upload's lease): nothing here pushes it.

describe('Chromium: offline-first sync', () => {
  let extensionDir: string;
  let fixtures: FixtureServer;
  let chromium: ChromiumWithExtension | undefined;
  let server: RunningSnagServer | undefined;
  let proxy: FaultProxy | undefined;

  beforeAll(async () => {
    extensionDir = e2eExtensionDir('chrome');
    fixtures = await startFixtureServer();
  });

  afterEach(async () => {
    await chromium?.close();
    await proxy?.close();
    await server?.stop();
    chromium = undefined;
    proxy = undefined;
    server = undefined;
  });

  afterAll(async () => {
    await fixtures?.close();
  });

  it('keeps a capture made while the server is down, and delivers it once the server is up', async () => {
    const port = await freePort();
    const token = newE2eToken();
    const browser = await launchChromiumWithExtension(extensionDir);
    chromium = browser;
    await connectExtension(browser, `http://127.0.0.1:${port}`, token);

    const popup = await captureAndSave(browser, fixtures, 'Saved while the server was down');
    await expect.poll(() => listItem(popup, /^Waiting: \d+$/)).toBe('Waiting: 1');
    await expect.poll(() => popup.getByText(/^Retrying: /).innerText()).toContain(`Can't reach http://127.0.0.1:${port}`);
    expect(await badgeText(await backgroundOf(browser))).toBe('1');

    server = await startSnagServer({ port, token });
    const [arrived] = await waitForCaptures(server.url, token, 1);
    expect(arrived).toMatchObject({ comment: 'Saved while the server was down', screenshot: { contentType: 'image/webp' } });
    await expect.poll(() => listItem(popup, /^Sent: \d+$/), { timeout: 15_000 }).toBe('Sent: 1');
    await expect.poll(async () => badgeText(await backgroundOf(browser))).toBe('');
    expect(await waitForCaptures(server.url, token, 1)).toHaveLength(1);
  });

  it('delivers a capture exactly once when the service worker is stopped in the middle of its upload', async () => {
    server = await startSnagServer();
    // In front of the server: lets the record through, then holds the screenshot's PUT unanswered.
    proxy = await startFaultProxy(server.url);
    proxy.set('hang', 'PUT');
    chromium = await launchChromiumWithExtension(extensionDir);
    await connectExtension(chromium, proxy.url, server.token);

    await captureAndSave(chromium, fixtures, 'Uploaded across a stopped service worker');
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

  it('lists captures the server refuses with its reason, and lets the user retry or discard each', async () => {
    server = await startSnagServer();
    proxy = await startFaultProxy(server.url);
    proxy.set('400', 'POST');
    const browser = await launchChromiumWithExtension(extensionDir);
    chromium = browser;
    await connectExtension(browser, proxy.url, server.token);
    await (await captureAndSave(browser, fixtures, 'Refused, then retried')).close();
    await (await captureAndSave(browser, fixtures, 'Refused, then discarded')).close();

    const popup = await browser.context.newPage();
    await popup.goto(browser.extensionUrl('popup.html'));
    await expect.poll(() => listItem(popup, /^Needs attention: \d+$/)).toBe('Needs attention: 2');
    expect(await badgeText(await backgroundOf(browser))).toBe('2');
    const attention = popup.getByRole('list', { name: 'Captures that need attention' }).getByRole('listitem');
    await expect.poll(() => attention.count()).toBe(2);
    await expect.poll(() => attention.first().innerText()).toContain('injected fault: refused');

    // Discard asks first, then deletes; Retry, once the server accepts again, sends.
    const [first, second] = [attention.nth(0), attention.nth(1)];
    await second.getByRole('button', { name: 'Discard' }).click();
    await second.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => listItem(popup, /^Needs attention: \d+$/)).toBe('Needs attention: 1');
    proxy.set('none');
    await first.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => listItem(popup, /^Sent: \d+$/)).toBe('Sent: 1');
    expect(await popup.getByText(/^Needs attention/).count()).toBe(0);
    await expect.poll(async () => badgeText(await backgroundOf(browser))).toBe('');

    const arrived = await waitForCaptures(server.url, server.token, 1);
    expect(arrived.map((capture) => capture.comment)).toEqual(['Refused, then retried']);
  });
});

/** Screenshot the fixture page from the popup, comment, Save. Answers the popup, left open. */
async function captureAndSave(chromium: ChromiumWithExtension, fixtures: FixtureServer, comment: string): Promise<Page> {
  const site = await chromium.context.newPage();
  await site.goto(fixtures.url('account.html'));
  const { popup, editor } = await startFromPopup(chromium, site, 'Capture this screen');
  await expect.poll(() => editor.getByRole('heading', { level: 1 }).innerText()).toBe('New screenshot');
  await editor.getByLabel('Comment').fill(comment);
  const closed = editor.waitForEvent('close', { timeout: 30_000 });
  await editor.getByRole('button', { name: 'Save' }).click();
  // The editor closes its tab once the capture is in the outbox (and the next capture's editor is a new one).
  await closed;
  return popup;
}

const listItem = (page: Page, text: RegExp) => page.getByRole('listitem').filter({ hasText: text }).innerText();

/** The extension's service worker, as it is now (it may have been restarted). */
async function backgroundOf(chromium: ChromiumWithExtension): Promise<Worker> {
  const running = chromium.context.serviceWorkers().find((worker) => worker.url().startsWith(chromium.extensionUrl('')));
  return running ?? chromium.context.waitForEvent('serviceworker', { timeout: 30_000 });
}

async function badgeText(worker: Worker): Promise<string> {
  // As a string: the worker has `chrome`, this file's types do not.
  const text: unknown = await worker.evaluate('chrome.action.getBadgeText({})');
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

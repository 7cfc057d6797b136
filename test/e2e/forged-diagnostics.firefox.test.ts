import { afterAll, beforeAll, describe } from 'vitest';
import { e2eExtensionDir } from './harness/build-extension';
import { clickButton, connectExtension, fill, launchFirefoxWithExtension, openExtensionPage, waitForPageAt, type FirefoxWithExtension } from './harness/firefox';
import { startFixtureServer, type FixtureServer } from './harness/fixture-server';
import { forgedDiagnosticsScenario, type CaptureDriver } from './harness/forged-diagnostics-scenario';
import { startSnagServer, type RunningSnagServer } from './harness/snag-server';

describe('Firefox: a page cannot forge diagnostics or learn when it is captured', () => {
  let fixtures: FixtureServer;
  let server: RunningSnagServer;
  let firefox: FirefoxWithExtension;
  let driver: CaptureDriver;
  const seenEditors = new Set<string>();

  beforeAll(async () => {
    [fixtures, server] = await Promise.all([startFixtureServer(), startSnagServer()]);
    firefox = await launchFirefoxWithExtension(e2eExtensionDir('firefox'));
    await connectExtension(firefox, server.url, server.token);
    driver = {
      fixtureUrl: (page, host) => (host ? fixtures.url(page).replace('127.0.0.1', host) : fixtures.url(page)),
      serverUrl: server.url,
      token: server.token,
      async turnOnDiagnostics(site) {
        const options = await openExtensionPage(firefox.browser, firefox.extensionUrl('options.html'), 'form');
        await fill(options, 'Site', site);
        await clickButton(options, 'Turn on for this site');
        await options.waitForFunction(() => document.body.textContent?.includes('Diagnostics on.'), { timeout: 30_000 });
        await options.close();
      },
      async captureAndSave(url, comment) {
        const site = await firefox.browser.newPage();
        await site.goto(url);
        const popup = await openExtensionPage(firefox.browser, firefox.extensionUrl('popup.html'), 'button');
        await site.bringToFront();
        await clickButton(popup, 'Capture this screen');
        const editor = await waitForPageAt(firefox.browser, (href) => href.includes('/editor.html?draft=') && !seenEditors.has(href));
        seenEditors.add(await editor.evaluate(() => location.href));
        await editor.waitForFunction(() => document.querySelector('h1')?.textContent === 'New screenshot', { timeout: 60_000 });
        await fill(editor, 'Comment', comment);
        await clickButton(editor, 'Save');
        await popup.close();
        return { evaluate: (fn) => site.evaluate(fn) };
      },
    };
  });

  afterAll(async () => {
    await firefox?.close();
    await server?.stop();
    await fixtures?.close();
  });

  forgedDiagnosticsScenario(() => driver);
});

import { afterAll, beforeAll, describe, expect } from 'vitest';
import { e2eExtensionDir } from './harness/build-extension';
import { connectExtension, launchChromiumWithExtension, startFromPopup, type ChromiumWithExtension } from './harness/chromium';
import { startFixtureServer, type FixtureServer } from './harness/fixture-server';
import { forgedDiagnosticsScenario, type CaptureDriver } from './harness/forged-diagnostics-scenario';
import { startSnagServer, type RunningSnagServer } from './harness/snag-server';

describe('Chromium: a page cannot forge diagnostics or learn when it is captured', () => {
  let fixtures: FixtureServer;
  let server: RunningSnagServer;
  let chromium: ChromiumWithExtension;
  let driver: CaptureDriver;

  beforeAll(async () => {
    [fixtures, server] = await Promise.all([startFixtureServer(), startSnagServer()]);
    chromium = await launchChromiumWithExtension(e2eExtensionDir('chrome'));
    await connectExtension(chromium, server.url, server.token);
    driver = {
      fixtureUrl: (page, host) => (host ? fixtures.url(page).replace('127.0.0.1', host) : fixtures.url(page)),
      serverUrl: server.url,
      token: server.token,
      async turnOnDiagnostics(site) {
        const options = await chromium.context.newPage();
        await options.goto(chromium.extensionUrl('options.html'));
        await options.getByLabel('Site', { exact: true }).fill(site);
        await options.getByRole('button', { name: 'Turn on for this site' }).click();
        await expect.poll(() => options.getByText(/^Diagnostics on\./).count()).toBe(1);
        await options.close();
      },
      async captureAndSave(url, comment) {
        const site = await chromium.context.newPage();
        await site.goto(url);
        const { popup, editor } = await startFromPopup(chromium, site, 'Capture this screen');
        await expect.poll(() => editor.getByRole('heading', { level: 1 }).innerText()).toBe('New screenshot');
        await editor.getByLabel('Comment').fill(comment);
        await editor.getByRole('button', { name: 'Save', exact: true }).click();
        await popup.close();
        return { evaluate: (fn) => site.evaluate(fn) };
      },
    };
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
    await fixtures?.close();
  });

  forgedDiagnosticsScenario(() => driver);
});

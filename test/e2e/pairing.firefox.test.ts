import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { z } from 'zod';
import { e2eExtensionDir } from './harness/build-extension';
import { createAccount, signInToDashboardFirefox, type DashboardAccount } from './harness/dashboard-session';
import {
  clickButton,
  fill,
  launchFirefoxWithExtension,
  openExtensionPage,
  waitForPageAt,
  waitForStatus,
  type FirefoxWithExtension,
} from './harness/firefox';
import { startFixtureServer, type FixtureServer } from './harness/fixture-server';
import { startSnagServer, type RunningSnagServer } from './harness/snag-server';

// Firefox gives each install a random moz-extension origin that the server's CORS does not allow;
// pairing asks for host access to the server instead. This proves the whole path works there.

const feedItems = z.object({ items: z.array(z.object({ comment: z.string().optional(), reporter: z.object({ name: z.string() }) })) });

describe('Firefox: pairing the extension, then capturing', () => {
  let fixtures: FixtureServer;
  let server: RunningSnagServer;
  let firefox: FirefoxWithExtension;
  let person: DashboardAccount;
  let dashboard: Page;

  beforeAll(async () => {
    const extensionDir = e2eExtensionDir('firefox');
    [fixtures, server] = await Promise.all([startFixtureServer(), startSnagServer()]);
    person = await createAccount(server, { name: 'Fiona Firefox', role: 'member' });
    firefox = await launchFirefoxWithExtension(extensionDir);
  });

  afterAll(async () => {
    await firefox?.close();
    await server?.stop();
    await fixtures?.close();
  });

  it('pairs: Options shows a code, the person confirms it in the dashboard', async () => {
    dashboard = await firefox.browser.newPage();
    await dashboard.goto(server.url);
    await signInToDashboardFirefox(dashboard, server, person);

    const options = await openExtensionPage(firefox.browser, firefox.extensionUrl('options.html'), 'form');
    await fill(options, 'Server URL', server.url);
    await clickButton(options, 'Connect');
    const code = await (
      await options.waitForFunction(() => document.querySelector('.pairing-code')?.textContent ?? null, { timeout: 30_000 })
    ).jsonValue();
    expect(code).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);

    await dashboard.evaluate(() => {
      location.hash = '#/pair';
    });
    await fill(dashboard, 'Code shown by the extension', String(code));
    await clickButton(dashboard, 'Connect');
    await dashboard.waitForFunction(
      (name) => [...document.querySelectorAll('[role="status"]')].some((element) => element.textContent?.endsWith(`is connected as ${name}.`)),
      { timeout: 30_000 },
      person.name,
    );

    await waitForStatus(options, `Connected as ${person.name} (member)`);
    await options.close();
  });

  it('captures, and the capture arrives with the paired person as reporter', async () => {
    const site = await firefox.browser.newPage();
    await site.goto(fixtures.url('account.html'));
    const popup = await openExtensionPage(firefox.browser, firefox.extensionUrl('popup.html'), 'button');
    await site.bringToFront();
    await clickButton(popup, 'Capture this screen');
    const editor = await waitForPageAt(firefox.browser, (url) => url.includes('/editor.html?draft='));
    await editor.waitForFunction(() => document.querySelector('h1')?.textContent === 'New screenshot', { timeout: 30_000 });
    await fill(editor, 'Comment', 'Paired from Firefox');
    await clickButton(editor, 'Save');

    await expect
      .poll(
        async () => {
          const response = await fetch(`${server.url}/api/v1/captures`, { headers: { authorization: `Bearer ${server.token}` } });
          return feedItems.parse(await response.json()).items;
        },
        { timeout: 60_000, interval: 500 },
      )
      .toEqual([expect.objectContaining({ comment: 'Paired from Firefox', reporter: { name: person.name } })]);
  });
});

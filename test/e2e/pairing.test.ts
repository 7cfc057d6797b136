import { expect, it } from 'vitest';
import { z } from 'zod';
import { createAccount, signInToDashboard, type DashboardAccount } from './harness/dashboard-session';
import { startFromPopup, waitForHeading, waitForStatus } from './harness/extension-steps';
import { waitForText } from './harness/page-text';
import { forEachBrowser, useSnagWorld } from './harness/snag-setup';

// Firefox gives each install a random moz-extension origin that the server's CORS does not allow;
// pairing asks for host access to the server instead. Chromium's extension origin is fixed. This
// proves the whole path works in both.

const feedItems = z.object({ items: z.array(z.object({ comment: z.string().optional(), reporter: z.object({ name: z.string() }) })) });

forEachBrowser('pairing the extension, then capturing', (name) => {
  const world = useSnagWorld(name, { connect: false });
  let paired: DashboardAccount | undefined;

  it('pairs: Options shows a code, the person confirms it in the dashboard', async () => {
    const { browser, server } = world();
    const person = await createAccount(server, { name: `Pat ${name}`, role: 'member' });
    paired = person;
    const dashboard = await browser.openPage(server.url);
    await signInToDashboard(dashboard, server, person);

    const options = await browser.openExtensionPage('options.html');
    await options.fill('Server URL', server.url);
    await options.click('Connect');
    const code = await waitForText(options, '.pairing-code', /\S/);
    expect(code).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);

    await dashboard.evaluate(() => {
      location.hash = '#/pair';
    });
    await dashboard.fill('Code shown by the extension', code);
    await dashboard.click('Connect');
    await waitForStatus(dashboard, new RegExp(`is connected as ${person.name}\\.$`));

    await waitForStatus(options, `Connected as ${person.name} (member)`);
    await options.close();
  });

  it('captures, and the capture arrives with the paired person as reporter', async () => {
    const { browser, server, fixtures } = world();
    const site = await browser.openPage(fixtures.url('account.html'));
    const { editor } = await startFromPopup(browser, site, 'Capture this screen');
    await waitForHeading(editor, 'New screenshot');
    await editor.fill('Comment', `Paired from ${name}`);
    await editor.click('Save');

    await expect
      .poll(
        async () => {
          const response = await fetch(`${server.url}/api/v1/captures`, { headers: { authorization: `Bearer ${server.token}` } });
          return feedItems.parse(await response.json()).items;
        },
        { timeout: 60_000, interval: 500 },
      )
      .toEqual([expect.objectContaining({ comment: `Paired from ${name}`, reporter: { name: paired?.name } })]);
  });
});

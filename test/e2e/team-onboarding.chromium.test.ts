import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { z } from 'zod';
import { e2eExtensionDir } from './harness/build-extension';
import { chromiumTab, launchChromiumWithExtension, type ChromiumWithExtension } from './harness/chromium';
import { startFromPopup } from './harness/extension-steps';
import { waitForText } from './harness/page-text';
import { launchDashboardBrowser } from './harness/dashboard-fixtures';
import { signInWithPassword, type DashboardAccount } from './harness/dashboard-session';
import { startFixtureServer, type FixtureServer } from './harness/fixture-server';
import { startSnagServer, type RunningSnagServer } from './harness/snag-server';

// A team's first day, end to end: the first admin uses the setup link the server printed, invites
// a member, the member joins in their own browser, pairs the extension (no token is ever copied),
// and captures; the capture carries them as reporter. Then the admin revokes the extension's
// token, and the member's next capture waits in the popup with the reason.

const admin: DashboardAccount = { name: 'Ada Admin', email: 'ada@example.com', password: 'violet harbour lantern 42' };
const member: DashboardAccount = { name: 'Mia Member', email: 'mia@example.com', password: 'plum orbit candle waltz' };
const REVOKED_REASON = 'Snag’s access was revoked — connect the extension again in Options';

const feedItems = z.object({ items: z.array(z.object({ id: z.string(), comment: z.string().optional(), reporter: z.object({ name: z.string() }) })) });

describe('Chromium: team onboarding — setup link, invite, pairing, capture, revocation', () => {
  let fixtures: FixtureServer;
  let server: RunningSnagServer;
  let memberBrowser: ChromiumWithExtension;
  let adminBrowser: Browser;
  let adminPage: Page;
  let memberDashboard: Page;

  beforeAll(async () => {
    const extensionDir = e2eExtensionDir('chrome');
    // No ADMIN_TOKEN: a new install, where the printed setup link is the only way in.
    [fixtures, server] = await Promise.all([startFixtureServer(), startSnagServer({ token: null })]);
    [memberBrowser, adminBrowser] = await Promise.all([launchChromiumWithExtension(extensionDir), launchDashboardBrowser()]);
    adminPage = await (await adminBrowser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  });

  afterAll(async () => {
    await memberBrowser?.close();
    await adminBrowser?.close();
    await server?.stop();
    await fixtures?.close();
  });

  it('the first admin creates their account from the setup link, and signs in with a password', async () => {
    await adminPage.goto(await server.setupInviteUrl());
    await adminPage.getByRole('heading', { name: 'Join your team on Snag' }).waitFor();
    await expect.poll(() => adminPage.getByText('to join Snag as admin').count()).toBe(1);
    await acceptInvite(adminPage, admin);
    await adminPage.getByText(`Signed in as ${admin.name}`).waitFor();

    await adminPage.getByRole('button', { name: 'Sign out' }).click();
    await adminPage.getByRole('heading', { name: 'Sign in to Snag' }).waitFor();
    await adminPage.getByLabel('Email').fill(admin.email);
    await adminPage.getByLabel('Password', { exact: true }).fill('not the password');
    await adminPage.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect
      .poll(() => adminPage.getByRole('alert').innerText())
      .toBe('That email and password do not match an account. Check both and try again.');
    await signInWithPassword(chromiumTab(adminPage), admin);

    // The setup link worked once.
    const again = await adminPage.request.post(`${server.url}/api/v1/invites/peek`, {
      data: { token: new URL(await server.setupInviteUrl()).hash.replace('#/invite/', '') },
    });
    expect(again.status()).toBe(410);
  });

  it('the admin invites a member, who joins in their own browser and signs in', async () => {
    await adminPage.goto(`${server.url}/#/admin/invites`);
    await adminPage.getByLabel('Role', { exact: true }).selectOption('member');
    await adminPage.getByLabel('Email (optional)').fill(member.email);
    await adminPage.getByRole('button', { name: 'Create invite' }).click();
    const link = adminPage.getByLabel('Invite link');
    await link.waitFor();
    const inviteUrl = await link.innerText();
    expect(inviteUrl).toMatch(new RegExp(`^${server.url}/#/invite/\\S+$`));
    await expect.poll(() => adminPage.getByRole('row', { name: new RegExp(member.email) }).count()).toBe(1);

    memberDashboard = await memberBrowser.context.newPage();
    await memberDashboard.goto(inviteUrl);
    await expect.poll(() => memberDashboard.getByLabel('Email').inputValue()).toBe(member.email);
    await acceptInvite(memberDashboard, member, { emailPrefilled: true });
    await memberDashboard.getByText(`Signed in as ${member.name}`).waitFor();

    await memberDashboard.getByRole('button', { name: 'Sign out' }).click();
    await memberDashboard.getByRole('heading', { name: 'Sign in to Snag' }).waitFor();
    await signInWithPassword(chromiumTab(memberDashboard), member);
  });

  it('the member pairs the extension: the options page shows a code, the member confirms it in the dashboard', async () => {
    const options = await memberBrowser.context.newPage();
    await options.goto(memberBrowser.extensionUrl('options.html'));
    await options.getByLabel('Server URL').fill(server.url);
    await options.getByRole('button', { name: 'Connect', exact: true }).click();
    const codeElement = options.locator('.pairing-code');
    await codeElement.waitFor();
    const code = (await codeElement.innerText()).trim();
    expect(code).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);

    // "Open the dashboard to confirm" opens #/pair: the code is not in that URL.
    await options.getByRole('button', { name: 'Open the dashboard to confirm' }).click();
    const isPair = (url: string) => url === `${server.url}/#/pair`;
    const pair =
      memberBrowser.context.pages().find((page) => isPair(page.url())) ??
      (await memberBrowser.context.waitForEvent('page', { predicate: (page) => isPair(page.url()), timeout: 30_000 }));
    await pair.getByRole('heading', { name: 'Connect the extension' }).waitFor();
    // Typed loosely: lower case, no dash.
    await pair.getByLabel('Code shown by the extension').fill(code.replace('-', '').toLowerCase());
    await pair.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect
      .poll(() => pair.getByRole('status').filter({ hasText: 'is connected as' }).innerText())
      .toMatch(new RegExp(`^Snag on .+ on Linux is connected as ${member.name}\\.$`));
    await pair.close();

    await expect.poll(() => options.getByRole('status').innerText(), { timeout: 15_000 }).toBe(`Connected as ${member.name} (member)`);
    // Nothing secret reached the page.
    expect(await options.locator('input[type=password]').inputValue()).toBe('');
    await options.close();
  });

  it('captures from the extension, and the capture carries the member as reporter', async () => {
    const site = await memberBrowser.openPage(fixtures.url('account.html'));
    const { popup, editor } = await startFromPopup(memberBrowser, site, 'Capture this screen');
    await editor.fill('Comment', 'Paired capture (member)');
    await editor.click('Save');
    await waitForText(popup, 'li', 'Sent: 1');
    await popup.close();

    const response = await adminPage.request.get(`${server.url}/api/v1/captures`);
    expect(response.status()).toBe(200);
    const { items } = feedItems.parse(await response.json());
    expect(items).toEqual([expect.objectContaining({ comment: 'Paired capture (member)', reporter: { name: member.name } })]);

    // A fresh load of the feed (an open one would offer "1 new capture — show").
    await adminPage.goto(`${server.url}/#/`);
    await adminPage.reload();
    await expect.poll(() => adminPage.getByText('Paired capture (member)').count(), { timeout: 15_000 }).toBeGreaterThan(0);
  });

  it('after the admin revokes the token, the next capture waits under "Needs attention" with the reason', async () => {
    await adminPage.goto(`${server.url}/#/admin/tokens`);
    const row = adminPage.getByRole('row').filter({ hasText: member.name });
    await expect.poll(() => row.count()).toBe(1);
    await row.getByRole('button', { name: /^Revoke/ }).click();
    await row.getByRole('group').getByRole('button', { name: 'Revoke', exact: true }).click();
    await expect.poll(() => adminPage.getByRole('status').filter({ hasText: /^Revoked / }).count()).toBe(1);

    const site = await memberBrowser.openPage(fixtures.url('account.html'));
    const { popup, editor } = await startFromPopup(memberBrowser, site, 'Capture this screen');
    await editor.fill('Comment', 'After revocation');
    await editor.click('Save');
    await waitForText(popup, 'li', 'Needs attention: 1');
    await waitForText(popup, 'body', { contains: REVOKED_REASON });

    const response = await adminPage.request.get(`${server.url}/api/v1/captures`);
    expect(feedItems.parse(await response.json()).items).toHaveLength(1);
  });
});

async function acceptInvite(page: Page, who: DashboardAccount, { emailPrefilled = false } = {}): Promise<void> {
  await page.getByLabel('Your name').fill(who.name);
  if (!emailPrefilled) await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByLabel('Confirm password').fill(who.password);
  await page.getByRole('button', { name: 'Create account' }).click();
}

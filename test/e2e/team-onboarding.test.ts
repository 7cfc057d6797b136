import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { signInWithPassword, type DashboardAccount } from './harness/dashboard-session';
import type { ExtensionBrowser, Tab } from './harness/driver';
import { startFromPopup, waitForStatus } from './harness/extension-steps';
import { startFixtureServer, type FixtureServer } from './harness/fixture-server';
import { waitForText } from './harness/page-text';
import { launchPlainBrowser, type PlainBrowser } from './harness/plain-browser';
import { forEachBrowser, launchWithSnag } from './harness/snag-setup';
import { startSnagServer, type RunningSnagServer } from './harness/snag-server';

// A team's first day, end to end: the first admin uses the setup link the server printed, invites
// a member, the member joins in their own browser, pairs the extension (no token is ever copied),
// and captures; the capture carries them as reporter. Then the admin revokes the extension's
// token, and the member's next capture waits in the popup with the reason.

const admin: DashboardAccount = { name: 'Ada Admin', email: 'ada@example.com', password: 'violet harbour lantern 42' };
const member: DashboardAccount = { name: 'Mia Member', email: 'mia@example.com', password: 'plum orbit candle waltz' };
const REVOKED_REASON = 'Snag’s access was revoked — connect the extension again in Options';

const feedItems = z.object({ items: z.array(z.object({ id: z.string(), comment: z.string().optional(), reporter: z.object({ name: z.string() }) })) });

forEachBrowser('team onboarding — setup link, invite, pairing, capture, revocation', (name) => {
  let fixtures: FixtureServer;
  let server: RunningSnagServer;
  let memberBrowser: ExtensionBrowser;
  let adminBrowser: PlainBrowser;
  let adminPage: Tab;
  let memberDashboard: Tab;

  beforeAll(async () => {
    // No ADMIN_TOKEN: a new install, where the printed setup link is the only way in.
    [fixtures, server] = await Promise.all([startFixtureServer(), startSnagServer({ token: null })]);
    [memberBrowser, adminBrowser] = await Promise.all([launchWithSnag(name), launchPlainBrowser(name)]);
    adminPage = await adminBrowser.newTab();
  });

  afterAll(async () => {
    await memberBrowser?.close();
    await adminBrowser?.close();
    await server?.stop();
    await fixtures?.close();
  });

  /** GET /captures as the admin signed in on `adminPage` (their session cookie). */
  async function adminFeed(): Promise<z.infer<typeof feedItems>['items']> {
    const answer = await adminPage.evaluate(async (url) => {
      const response = await fetch(url);
      return { status: response.status, body: await response.text() };
    }, `${server.url}/api/v1/captures`);
    expect(answer.status).toBe(200);
    return feedItems.parse(JSON.parse(answer.body)).items;
  }

  it('the first admin creates their account from the setup link, and signs in with a password', async () => {
    await adminPage.goto(await server.setupInviteUrl());
    await waitForText(adminPage, 'h1, h2', 'Join your team on Snag');
    await waitForText(adminPage, 'main', { contains: 'to join Snag as admin' });
    await acceptInvite(adminPage, admin);
    await waitForText(adminPage, 'body', { contains: `Signed in as ${admin.name}` });

    await adminPage.click('Sign out');
    await waitForText(adminPage, 'h1, h2', 'Sign in to Snag');
    await adminPage.fill('Email', admin.email);
    await adminPage.fill('Password', 'not the password');
    await adminPage.click('Sign in');
    await waitForText(adminPage, '[role="alert"]', 'That email and password do not match an account. Check both and try again.');
    await signInWithPassword(adminPage, admin);

    // The setup link worked once.
    const again = await fetch(`${server.url}/api/v1/invites/peek`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: new URL(await server.setupInviteUrl()).hash.replace('#/invite/', '') }),
    });
    expect(again.status).toBe(410);
  });

  it('the admin invites a member, who joins in their own browser and signs in', async () => {
    await adminPage.goto(`${server.url}/#/admin/invites`);
    await adminPage.select('Role', 'member');
    await adminPage.fill('Email (optional)', member.email);
    await adminPage.click('Create invite');
    const inviteUrl = await waitForText(adminPage, 'code[aria-label="Invite link"]', /\S/);
    expect(inviteUrl).toMatch(new RegExp(`^${server.url}/#/invite/\\S+$`));
    await adminPage.waitUntil((email) => [...document.querySelectorAll('tr')].filter((row) => row.textContent?.includes(email)).length === 1, member.email);

    memberDashboard = await memberBrowser.openPage(inviteUrl);
    await expect.poll(() => memberDashboard.valueOf('Email')).toBe(member.email);
    await acceptInvite(memberDashboard, member, { emailPrefilled: true });
    await waitForText(memberDashboard, 'body', { contains: `Signed in as ${member.name}` });

    await memberDashboard.click('Sign out');
    await waitForText(memberDashboard, 'h1, h2', 'Sign in to Snag');
    await signInWithPassword(memberDashboard, member);
  });

  it('the member pairs the extension: the options page shows a code, the member confirms it in the dashboard', async () => {
    const options = await memberBrowser.openExtensionPage('options.html');
    await options.fill('Server URL', server.url);
    await options.click('Connect');
    const code = await waitForText(options, '.pairing-code', /\S/);
    expect(code).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);

    // "Open the dashboard to confirm" opens #/pair: the code is not in that URL.
    await options.click('Open the dashboard to confirm');
    const pair = await memberBrowser.waitForTab((url) => url === `${server.url}/#/pair`);
    await waitForText(pair, 'h1, h2', 'Connect the extension');
    // Typed loosely: lower case, no dash.
    await pair.fill('Code shown by the extension', code.replace('-', '').toLowerCase());
    await pair.click('Connect');
    const connected = await waitForStatus(pair, { contains: 'is connected as' });
    expect(connected).toMatch(new RegExp(`^Snag on .+ on Linux is connected as ${member.name}\\.$`));
    await pair.close();

    await waitForStatus(options, `Connected as ${member.name} (member)`, 15_000);
    // Nothing secret reached the page.
    expect(await options.evaluate(() => document.querySelector<HTMLInputElement>('input[type=password]')?.value)).toBe('');
    await options.close();
  });

  it('captures from the extension, and the capture carries the member as reporter', async () => {
    const site = await memberBrowser.openPage(fixtures.url('account.html'));
    const { popup, editor } = await startFromPopup(memberBrowser, site, 'Capture this screen');
    await editor.fill('Comment', 'Paired capture (member)');
    await editor.click('Save');
    await waitForText(popup, 'li', 'Sent: 1');
    await popup.close();

    expect(await adminFeed()).toEqual([expect.objectContaining({ comment: 'Paired capture (member)', reporter: { name: member.name } })]);

    // A fresh load of the feed (an open one would offer "1 new capture — show").
    await adminPage.goto(`${server.url}/#/`);
    await adminPage.reload();
    await waitForText(adminPage, 'main', { contains: 'Paired capture (member)' }, 15_000);
  });

  it('after the admin revokes the token, the next capture waits under "Needs attention" with the reason', async () => {
    await adminPage.goto(`${server.url}/#/admin/tokens`);
    // The member's token row, tagged so the clicks below stay inside it.
    await adminPage.waitUntil((person) => {
      const rows = [...document.querySelectorAll('tr')].filter((row) => row.textContent?.includes(person));
      rows[0]?.setAttribute('data-e2e-row', 'member');
      return rows.length === 1;
    }, member.name);
    const row = 'tr[data-e2e-row="member"]';
    await adminPage.click(/^Revoke/, { within: row });
    await adminPage.click('Revoke', { within: `${row} [role="group"]` });
    await waitForText(adminPage, '[role="status"]', /^Revoked /);

    const site = await memberBrowser.openPage(fixtures.url('account.html'));
    const { popup, editor } = await startFromPopup(memberBrowser, site, 'Capture this screen');
    await editor.fill('Comment', 'After revocation');
    await editor.click('Save');
    await waitForText(popup, 'li', 'Needs attention: 1');
    await waitForText(popup, 'body', { contains: REVOKED_REASON });

    expect(await adminFeed()).toHaveLength(1);
  });
});

async function acceptInvite(page: Tab, who: DashboardAccount, { emailPrefilled = false } = {}): Promise<void> {
  await page.fill('Your name', who.name);
  if (!emailPrefilled) await page.fill('Email', who.email);
  await page.fill('Password', who.password);
  await page.fill('Confirm password', who.password);
  await page.click('Create account');
}

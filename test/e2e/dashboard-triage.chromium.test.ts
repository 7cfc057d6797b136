import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionInfo } from '#shared/account';
import type { CaptureInput } from '#shared/capture';
import { captureDetail, feedPage } from '#shared/review';
import { frictionCapture, launchDashboardBrowser, postCaptures, requireDashboardBuild } from './harness/dashboard-fixtures';
import { createAccount, signInToDashboard, type DashboardAccount } from './harness/dashboard-session';
import { chromiumTab } from './harness/chromium';
import { startSnagServer, type RunningSnagServer } from './harness/snag-server';

/**
 * The ops dashboard's triage in a real Chromium against the real server: filters that live in the
 * URL, keyboard triage, bulk actions, merging duplicates, and the live "new captures" banner.
 */

interface Member {
  cookie: string;
  csrf: string;
}

/** Signs `account` in over the API (POST /session), for sending captures as them. */
async function sessionOf(server: RunningSnagServer, account: DashboardAccount): Promise<Member> {
  const response = await fetch(`${server.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  if (!response.ok) throw new Error(`POST /session answered ${response.status}: ${await response.text()}`);
  const { csrfToken } = sessionInfo.parse(await response.json());
  const cookie = response.headers.getSetCookie().map((header) => header.split(';')[0]).join('; ');
  return { cookie, csrf: csrfToken };
}

/** POST /captures as a signed-in member (their session, as the dashboard would send it). */
async function postAs(server: RunningSnagServer, member: Member, capture: CaptureInput): Promise<void> {
  const response = await fetch(`${server.url}/api/v1/captures`, {
    method: 'POST',
    headers: { Cookie: member.cookie, 'X-CSRF-Token': member.csrf, 'Content-Type': 'application/json' },
    body: JSON.stringify(capture),
  });
  if (!response.ok) throw new Error(`POST /captures answered ${response.status}: ${await response.text()}`);
}

async function apiGet<T>(server: RunningSnagServer, path: string, schema: { parse: (value: unknown) => T }): Promise<T> {
  const response = await fetch(`${server.url}/api/v1${path}`, { headers: { Authorization: `Bearer ${server.token}` } });
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return schema.parse(await response.json());
}

const triageOf = async (server: RunningSnagServer, id: string) => (await apiGet(server, `/captures/${id}`, captureDetail)).triage;

describe('Chromium: triage in the ops dashboard', () => {
  let server: RunningSnagServer;
  let browser: Browser;
  let page: Page;
  const hidden = frictionCapture({ comment: 'Pay button hidden behind the cookie banner', tags: ['checkout'], severity: 'high', customer: 'Globex' });
  const hiddenAgain = frictionCapture({ comment: 'Cannot see the pay button', tags: ['checkout'], customer: 'Initech' });
  const slowExport = frictionCapture({ comment: 'Export takes a minute', tags: ['billing'], severity: 'low' });
  const typo = frictionCapture({ comment: 'Typo on the invoice page', tags: ['billing'] });
  const confusing = frictionCapture({ comment: 'Plan names are confusing', tags: ['pricing'] });

  beforeAll(async () => {
    requireDashboardBuild();
    server = await startSnagServer();
    const olivia = await createAccount(server, { name: 'Olivia Ops', role: 'ops' });
    const sam = await sessionOf(server, await createAccount(server, { name: 'Sam Support', role: 'member' }));
    // Oldest first, so the feed (newest first) lists them in the opposite order.
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
    await postCaptures(server.url, server.token, [
      { ...confusing, createdAt: at(50) },
      { ...typo, createdAt: at(40) },
      { ...slowExport, createdAt: at(30) },
      { ...hidden, createdAt: at(20) },
    ]);
    await postAs(server, sam, { ...hiddenAgain, createdAt: at(10) });
    browser = await launchDashboardBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInToDashboard(chromiumTab(page), server, olivia);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const rows = () => page.getByRole('grid', { name: 'Captures' }).getByRole('row');
  const row = (capture: CaptureInput) => page.locator(`[role=row]:has(article[data-capture-id="${capture.id}"])`);
  const search = () => page.getByRole('searchbox', { name: 'Search', exact: true });
  const rowComments = () => rows().locator('.card-comment').allInnerTexts();

  it('filters the feed, keeps the filter in the URL and across a reload', async () => {
    await expect.poll(() => rows().count()).toBe(5);
    await page.getByRole('group', { name: 'Status' }).getByRole('button', { name: 'New' }).click();
    await search().fill('pay button');
    await search().press('Enter');
    await expect.poll(() => page.url()).toContain('q=pay+button');
    expect(page.url()).toContain('status=new');
    await expect.poll(rowComments).toEqual(['Cannot see the pay button', 'Pay button hidden behind the cookie banner']);

    await page.getByText('More filters').click();
    await page.getByLabel('Customer', { exact: true }).fill('globex');
    await page.getByLabel('Customer', { exact: true }).press('Enter');
    await expect.poll(rowComments).toEqual(['Pay button hidden behind the cookie banner']);

    await page.reload();
    await expect.poll(rowComments).toEqual(['Pay button hidden behind the cookie banner']);
    expect(await search().inputValue()).toBe('pay button');
    expect(await page.getByRole('group', { name: 'Status' }).getByRole('button', { name: 'New' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('list', { name: 'Active filters' }).innerText()).toContain('Customer: globex');

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => rows().count()).toBe(5);
    await expect.poll(() => new URL(page.url()).hash).toBe('#/');
  });

  it('triages with the keyboard: j/k, s r, 1, a m', async () => {
    await page.locator('#feed-title').focus();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    // The second row: the first is in focus on load, then down, down, up.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('row');
    const focused = await page.evaluate(() => document.activeElement?.querySelector('article')?.getAttribute('data-capture-id'));
    expect(focused).toBe(hidden.id);

    await page.keyboard.press('s');
    await page.keyboard.press('r');
    await page.keyboard.press('1');
    await page.keyboard.press('a');
    await page.getByRole('dialog', { name: 'Assign' }).waitFor();
    await page.keyboard.press('m');
    await expect.poll(() => row(hidden).getByLabel('Assignee').locator('option:checked').innerText()).toBe('Me (Olivia Ops)');
    expect(await row(hidden).getByLabel('Status').inputValue()).toBe('resolved');
    expect(await row(hidden).getByLabel('Priority').inputValue()).toBe('urgent');

    await expect.poll(async () => (await triageOf(server, hidden.id)).assignee?.name).toBe('Olivia Ops');
    const saved = await triageOf(server, hidden.id);
    expect(saved.status).toBe('resolved');
    expect(saved.priority).toBe('urgent');

    // The next one, straight away: s t and 2.
    await page.keyboard.press('j');
    await page.keyboard.press('s');
    await page.keyboard.press('t');
    await page.keyboard.press('2');
    await expect.poll(async () => (await triageOf(server, slowExport.id)).priority).toBe('high');
    expect((await triageOf(server, slowExport.id)).status).toBe('triaged');

    // `?` lists the shortcuts.
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    expect(await help.innerText()).toContain('Status: Resolved');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
  });

  it('changes the status of a selection at once', async () => {
    await row(typo).getByRole('checkbox').check();
    await row(confusing).getByRole('checkbox').check();
    const bar = page.getByRole('region', { name: 'Bulk actions' });
    await expect.poll(() => bar.innerText()).toContain('2 captures selected');
    await bar.getByLabel('Set status').selectOption('in_progress');
    await expect.poll(async () => (await triageOf(server, typo.id)).status).toBe('in_progress');
    expect((await triageOf(server, confusing.id)).status).toBe('in_progress');
    expect(await row(typo).getByLabel('Status').inputValue()).toBe('in_progress');
    await page.keyboard.press('Escape');
    await expect.poll(() => bar.count()).toBe(0);
  });

  it('merges a duplicate: the survivor counts both reporters and customers', async () => {
    await row(hiddenAgain).getByRole('checkbox').check();
    await row(hidden).locator('.card-title a').focus();
    await page.keyboard.press('m');
    await expect.poll(() => row(hiddenAgain).count()).toBe(0);
    await expect.poll(() => row(hidden).locator('.row-counts').innerText()).toContain('1 duplicate');

    await row(hidden).locator('.card-title a').click();
    const reporters = page.getByRole('list', { name: /Reported by/ });
    await expect.poll(() => reporters.getByRole('listitem').allInnerTexts()).toEqual(['Admin', 'Sam Support']);
    expect(await page.getByRole('list', { name: /Customers/ }).getByRole('listitem').allInnerTexts()).toEqual(['Globex', 'Initech']);
    expect(await page.getByRole('heading', { name: 'Duplicates (1)' }).count()).toBe(1);
    expect(await page.getByRole('region', { name: 'History' }).innerText()).toContain('merged a duplicate into this capture');

    const survivor = await apiGet(server, `/captures/${hidden.id}`, captureDetail);
    expect(survivor.counts).toMatchObject({ duplicates: 1, reporters: 2, customers: 2 });
    await page.getByRole('link', { name: 'Back to captures' }).click();
    await page.getByRole('heading', { name: 'Captures', level: 1 }).waitFor();
  });

  it('announces captures that arrive while the feed is open', async () => {
    const fresh = frictionCapture({ comment: 'Just arrived', tags: ['checkout'] });
    await postCaptures(server.url, server.token, [fresh]);
    const banner = page.getByRole('button', { name: /1 new capture — show/ });
    await banner.waitFor({ timeout: 15_000 });
    await banner.click();
    await expect.poll(() => row(fresh).count()).toBe(1);
    const feed = await apiGet(server, '/captures', feedPage);
    expect(await rows().count()).toBe(feed.items.length);
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { sessionInfo } from '#shared/account';
import type { CaptureInput } from '#shared/capture';
import { captureDetail, feedPage } from '#shared/review';
import { frictionCapture, postCaptures, requireDashboardBuild } from './harness/dashboard-fixtures';
import { createAccount, signInToDashboard, type DashboardAccount } from './harness/dashboard-session';
import type { Tab } from './harness/driver';
import { countOf, selectorForLabelled, textOf, waitForCount, waitForText } from './harness/page-text';
import { launchPlainBrowser, type PlainBrowser } from './harness/plain-browser';
import { forEachBrowser } from './harness/snag-setup';
import { startSnagServer, type RunningSnagServer } from './harness/snag-server';

/**
 * The ops dashboard's triage in real Chromium and Firefox against the real server: filters that live in the
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

forEachBrowser('triage in the ops dashboard', (name) => {
  let server: RunningSnagServer;
  let browser: PlainBrowser;
  let page: Tab;
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
    browser = await launchPlainBrowser(name);
    page = await browser.newTab();
    await signInToDashboard(page, server, olivia);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const rows = '[role="grid"][aria-label="Captures"] [role="row"]';
  const row = (capture: CaptureInput) => `[role=row]:has(article[data-capture-id="${capture.id}"])`;
  const statusGroup = () => selectorForLabelled(page, 'group', 'Status');
  const rowComments = () => page.evaluate((css) => [...document.querySelectorAll(`${css} .card-comment`)].map((element) => element.textContent?.trim()), rows);
  const hash = async () => new URL(await page.url()).hash;
  /** The name the Assignee picker of a row shows. */
  const assigneeShown = (rowSelector: string) =>
    page.evaluate((css) => {
      const select = [...document.querySelectorAll<HTMLLabelElement>(`${css} label`)].find((label) => label.textContent?.trim() === 'Assignee')?.control;
      return select instanceof HTMLSelectElement ? select.selectedOptions[0]?.textContent : null;
    }, rowSelector);
  /** Waits for the open <dialog> titled `title`. */
  const dialogTitled = (title: string) => waitForText(page, 'dialog[open] h2', title);

  it('filters the feed, keeps the filter in the URL and across a reload', async () => {
    await waitForCount(page, rows, 5);
    await page.click('New', { within: await statusGroup() });
    await page.fill('Search', 'pay button');
    await page.press('Enter');
    await expect.poll(() => page.url()).toContain('q=pay+button');
    expect(await page.url()).toContain('status=new');
    await expect.poll(rowComments).toEqual(['Cannot see the pay button', 'Pay button hidden behind the cookie banner']);

    await page.evaluate(() => [...document.querySelectorAll('summary')].find((summary) => summary.textContent?.startsWith('More filters'))?.click());
    await page.fill('Customer', 'globex');
    await page.press('Enter');
    await expect.poll(rowComments).toEqual(['Pay button hidden behind the cookie banner']);

    await page.reload();
    await expect.poll(rowComments).toEqual(['Pay button hidden behind the cookie banner']);
    expect(await page.valueOf('Search')).toBe('pay button');
    const pressed = await page.evaluate((css) => document.querySelector(`${css} button[aria-pressed="true"]`)?.textContent?.trim(), await statusGroup());
    expect(pressed).toBe('New');
    expect(await textOf(page, '[aria-label="Active filters"]')).toContain('Customer: globex');

    await page.click('Clear filters');
    await waitForCount(page, rows, 5);
    await expect.poll(hash).toBe('#/');
  });

  it('triages with the keyboard: j/k, s r, 1, a m', async () => {
    await page.evaluate(() => document.getElementById('feed-title')?.focus());
    for (const key of ['j', 'j', 'k']) await page.press(key);
    // The second row: the first is in focus on load, then down, down, up.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('row');
    const focused = await page.evaluate(() => document.activeElement?.querySelector('article')?.getAttribute('data-capture-id'));
    expect(focused).toBe(hidden.id);

    for (const key of ['s', 'r', '1', 'a']) await page.press(key);
    await dialogTitled('Assign');
    await page.press('m');
    await expect.poll(() => assigneeShown(row(hidden))).toBe('Me (Olivia Ops)');
    expect(await page.valueOf('Status', row(hidden))).toBe('resolved');
    expect(await page.valueOf('Priority', row(hidden))).toBe('urgent');

    await expect.poll(async () => (await triageOf(server, hidden.id)).assignee?.name).toBe('Olivia Ops');
    const saved = await triageOf(server, hidden.id);
    expect(saved.status).toBe('resolved');
    expect(saved.priority).toBe('urgent');

    // The next one, straight away: s t and 2.
    for (const key of ['j', 's', 't', '2']) await page.press(key);
    await expect.poll(async () => (await triageOf(server, slowExport.id)).priority).toBe('high');
    expect((await triageOf(server, slowExport.id)).status).toBe('triaged');

    // `?` lists the shortcuts.
    await page.press('?');
    await dialogTitled('Keyboard shortcuts');
    await waitForText(page, 'dialog[open]', { contains: 'Status: Resolved' });
    await page.press('Escape');
    await waitForCount(page, 'dialog[open]', 0);
  });

  it('changes the status of a selection at once', async () => {
    await page.clickSelector(`${row(typo)} input[type="checkbox"]`);
    await page.clickSelector(`${row(confusing)} input[type="checkbox"]`);
    const bar = '[aria-label="Bulk actions"]';
    await waitForText(page, bar, { contains: '2 captures selected' });
    await page.select('Set status', 'in_progress', bar);
    await expect.poll(async () => (await triageOf(server, typo.id)).status).toBe('in_progress');
    expect((await triageOf(server, confusing.id)).status).toBe('in_progress');
    expect(await page.valueOf('Status', row(typo))).toBe('in_progress');
    await page.press('Escape');
    await waitForCount(page, bar, 0);
  });

  it('merges a duplicate: the survivor counts both reporters and customers', async () => {
    await page.clickSelector(`${row(hiddenAgain)} input[type="checkbox"]`);
    await page.evaluate((css) => document.querySelector<HTMLElement>(`${css} .card-title a`)?.focus(), row(hidden));
    await page.press('m');
    await waitForCount(page, row(hiddenAgain), 0);
    await waitForText(page, `${row(hidden)} .row-counts`, { contains: '1 duplicate' });

    await page.clickSelector(`${row(hidden)} .card-title a`);
    const listItems = (label: string) =>
      page.evaluate((prefix) => {
        const list = [...document.querySelectorAll('ul, ol')].find((element) => {
          const labelledBy = element.getAttribute('aria-labelledby');
          const label = element.getAttribute('aria-label') ?? (labelledBy ? document.getElementById(labelledBy)?.textContent : null) ?? '';
          return label.startsWith(prefix);
        });
        return [...(list?.querySelectorAll('li') ?? [])].map((item) => item.textContent?.trim());
      }, label);
    await expect.poll(() => listItems('Reported by')).toEqual(['Admin', 'Sam Support']);
    expect(await listItems('Customers')).toEqual(['Globex', 'Initech']);
    await waitForText(page, 'h2, h3', 'Duplicates (1)');
    await waitForText(page, 'section[aria-labelledby="detail-history"]', { contains: 'merged a duplicate into this capture' });

    const survivor = await apiGet(server, `/captures/${hidden.id}`, captureDetail);
    expect(survivor.counts).toMatchObject({ duplicates: 1, reporters: 2, customers: 2 });
    await page.click('Back to captures', { role: 'link' });
    await waitForText(page, 'h1', 'Captures');
  });

  it('announces captures that arrive while the feed is open', async () => {
    const fresh = frictionCapture({ comment: 'Just arrived', tags: ['checkout'] });
    await postCaptures(server.url, server.token, [fresh]);
    await page.click(/1 new capture — show/);
    await waitForCount(page, row(fresh), 1);
    const feed = await apiGet(server, '/captures', feedPage);
    expect(await countOf(page, rows)).toBe(feed.items.length);
  });
});

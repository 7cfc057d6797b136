import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, RunOptions } from 'axe-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signInToDashboard } from './harness/dashboard-session';
import type { Tab } from './harness/driver';
import { launchPlainBrowser, type PlainBrowser } from './harness/plain-browser';
import { forEachBrowser } from './harness/snag-setup';
import { waitForCount } from './harness/page-text';
import { daysAgo, frictionCapture, postCaptures, requireDashboardBuild } from './harness/dashboard-fixtures';
import { startSnagServer, type RunningSnagServer } from './harness/snag-server';

// Every main view of the ops dashboard, checked with axe-core in real Chromium and Firefox (light and dark),
// against the real server with real data: no serious or critical WCAG 2.1 A/AA violations.

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string; summary: string }[];
}

/**
 * Runs axe in the page. The dashboard's CSP (script-src 'self') blocks the inline <script> that
 * page.addScriptTag() would add, so axe is evaluated through the DevTools protocol, which page
 * CSP does not govern.
 */
async function axeViolations(page: Tab): Promise<Violation[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluateSource(axeSource);
  return page.evaluate(async () => {
    // The global axe-core's script defines (its own types describe it).
    const axe = (window as unknown as { axe: { run(context: Document, options: RunOptions): Promise<AxeResults> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target.map(String).join(' '), summary: node.failureSummary ?? '' })),
    }));
  });
}

function describeViolations(violations: readonly Violation[]): string {
  return violations
    .map((violation) =>
      [`${violation.id} (${violation.impact}): ${violation.help}`, ...violation.nodes.map((node) => `    at ${node.target}\n      ${node.summary.replaceAll('\n', '\n      ')}`)].join('\n'),
    )
    .join('\n');
}

const serious = (violations: readonly Violation[]) => violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');

forEachBrowser('dashboard accessibility (axe-core)', (name) => {
  let server: RunningSnagServer;
  let browser: PlainBrowser;
  let page: Tab;
  let detailId: string;

  beforeAll(async () => {
    requireDashboardBuild();
    server = await startSnagServer();
    const now = new Date();
    const steps = ['Create account', 'Connect bank', 'Connect bank', 'Connect bank', 'Invite team'];
    const captures = [
      ...steps.map((step, index) =>
        frictionCapture({
          comment: `Stuck at ${step}`,
          tags: ['onboarding', index % 2 === 0 ? 'confusing' : 'blocked'],
          customer: `Customer ${index}`,
          severity: index === 1 ? 'high' : 'medium',
          flow: { name: 'Onboarding', step },
          createdAt: daysAgo(index, now),
        }),
      ),
      frictionCapture({
        kind: 'clip',
        quote: 'I could not find where to download my invoices',
        comment: 'Customer quote from the support ticket',
        page: { url: 'https://desk.example.com/tickets/4411', title: 'Ticket 4411' },
        tags: ['billing'],
        customer: 'Globex',
        createdAt: daysAgo(2, now),
      }),
      frictionCapture({
        comment: 'The pay button does nothing',
        element: {
          selector: '[data-testid="pay-now"]',
          xpath: '/html/body/main/button[1]',
          tagName: 'button',
          text: 'Pay now',
          role: 'button',
          name: 'Pay now',
          viewportBox: { x: 100, y: 200, width: 120, height: 36 },
          documentBox: { x: 100, y: 600, width: 120, height: 36 },
        },
        severity: 'critical',
        category: 'bug',
        customer: 'Initech',
        createdAt: daysAgo(3, now),
      }),
    ];
    await postCaptures(server.url, server.token, captures);
    detailId = captures[6]?.id ?? '';

    browser = await launchPlainBrowser(name);
    page = await browser.newTab();
    await signInToDashboard(page, server);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const views: { name: string; hash: () => string; ready: string }[] = [
    { name: 'the feed', hash: () => '#/', ready: '[role="grid"] [role="row"][id^="capture-row-"]' },
    { name: 'a capture', hash: () => `#/captures/${detailId}`, ready: '#detail-title' },
    { name: 'hot spots', hash: () => '#/insights', ready: 'table.hotspots tbody tr' },
    { name: 'onboarding', hash: () => '#/insights/onboarding', ready: '.worst-step' },
    { name: 'charts', hash: () => '#/insights/charts', ready: '.bar-list li' },
    { name: 'reports', hash: () => '#/reports', ready: '.headline-numbers' },
  ];

  // Dark only in Chromium: Puppeteer emulates prefers-color-scheme over CDP, which Firefox does not speak.
  const schemes = name === 'Chromium' ? (['light', 'dark'] as const) : (['light'] as const);
  for (const scheme of schemes) {
    for (const view of views) {
      it(`${view.name} (${scheme}) has no serious or critical violations`, async () => {
        await page.emulateColorScheme?.(scheme);
        await page.goto(`${server.url}/${view.hash()}`);
        await page.waitUntil((ready) => document.querySelector(ready) !== null, view.ready);
        // Let loading states settle (charts and counts arrive one by one).
        await waitForCount(page, '[aria-busy="true"]', 0);
        const violations = serious(await axeViolations(page));
        // Compared as text, so a failure prints each violation with where it is and how to fix it.
        expect(describeViolations(violations), `serious or critical axe violations on ${view.name} (${scheme})`).toBe('');
      });
    }
  }
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaptureInput, ElementLocator } from '#shared/capture';
import { hotspotsResponse, TREND_WORDS } from '#shared/insights';
import { describeTopHotspot, loadPreview } from '../../server/dashboard/src/insights/digest-preview';
import { describeTrend } from '../../server/dashboard/src/insights/Sparkline';
import type { User } from '../../server/store/store';
import { dashboardInsightsApi } from './dashboard-client';
import { API_PREFIX, authHeaders, makeTestApp, type TestApp } from './helpers';
import { storeCapture } from './insights-fixtures';
import { adminOf } from './review-helpers';

const NOW = new Date('2026-11-22T12:00:00.000Z');
const WEEK = { from: '2026-11-16', to: '2026-11-22' };

function pinned(testId: string): ElementLocator {
  const box = { x: 0, y: 0, width: 10, height: 10 };
  return { selector: `[data-testid="${testId}"]`, xpath: '/html/body/button', tagName: 'button', text: testId, viewportBox: box, documentBox: box };
}

/**
 * One definition of a hot spot (a page) and of a trend, read three ways: Insights (the API the
 * Hot spots tab draws), the digest, and the Reports page's headline. Same data, same numbers.
 */
describe('hot spots agree across Insights, Reports and the digest', () => {
  let t: TestApp;
  let admin: User;
  beforeEach(async () => {
    t = await makeTestApp({ now: () => NOW });
    admin = await adminOf(t);
  });
  afterEach(async () => {
    await t.close();
  });

  const at = (day: number) => `2026-11-${day}T10:00:00.000Z`;
  const page = (path: string) => ({ url: `https://app.example.com${path}`, title: path });
  const add = (overrides: Partial<CaptureInput>) => storeCapture(t.store, admin, { tags: [], ...overrides });

  /** Billing: one early capture, four late ones on different elements and tags (rising). Settings: three early (falling). Welcome: two late (new). */
  async function seed(): Promise<void> {
    await add({ page: page('/accounts/1/billing'), createdAt: at(16), customer: 'Acme' });
    await add({ page: page('/accounts/2/billing'), createdAt: at(21), customer: 'Acme', element: pinned('pay'), tags: ['checkout'] });
    await add({ page: page('/accounts/3/billing'), createdAt: at(21), customer: 'Globex', element: pinned('pay'), tags: ['slow'] });
    await add({ page: page('/accounts/4/billing'), createdAt: at(22), customer: 'Initech', element: pinned('plan') });
    await add({ page: page('/accounts/5/billing'), createdAt: at(22), customer: 'Globex', tags: ['checkout'] });
    for (const day of [16, 17, 17]) await add({ page: page('/settings'), createdAt: at(day), customer: 'Acme' });
    for (const customer of ['Acme', 'Hooli']) await add({ page: page('/welcome'), createdAt: at(21), customer });
  }

  const get = async (path: string) => {
    const response = await t.app.request(`${API_PREFIX}${path}`, { headers: authHeaders(t.token) });
    expect(response.status, await response.clone().text()).toBe(200);
    return response;
  };

  it('counts a page once, with the same trend word, in all three', async () => {
    await seed();
    const insights = hotspotsResponse.parse(await (await get(`/insights/hotspots?from=${WEEK.from}&to=${WEEK.to}`)).json());
    const rows = insights.hotspots.map(({ route, count, customers, direction }) => ({ route, count, customers, direction }));
    expect(rows).toEqual([
      { route: 'app.example.com/accounts/:id/billing', count: 5, customers: 3, direction: 'rising' },
      { route: 'app.example.com/settings', count: 3, customers: 1, direction: 'falling' },
      { route: 'app.example.com/welcome', count: 2, customers: 2, direction: 'new' },
    ]);
    // What the Hot spots tab says of each row's sparkline is the server's word.
    for (const spot of insights.hotspots) expect(describeTrend(spot.trend, insights.bucket, spot.direction)).toContain(`Trend ${spot.direction} `);

    const digest = (await (await get(`/reports/digest?from=${WEEK.from}&to=${WEEK.to}`)).text()).split('\n');
    const start = digest.indexOf('## Hot spots');
    const table = digest.slice(start + 4, start + 4 + rows.length).map((line) => line.split(' | ').slice(0, 4).join(' | '));
    expect(table).toEqual(
      rows.map((row) => `| ${(row.route ?? '').replace(':', '\\:')} | ${row.count} | ${row.customers} | ${TREND_WORDS[row.direction]}`),
    );
    expect(digest[start + 4 + rows.length]).toBe('');

    const preview = await loadPreview(await dashboardInsightsApi(t, NOW), WEEK, new URLSearchParams(), new AbortController().signal);
    expect(preview.topHotspot).toEqual(rows[0]);
    expect(describeTopHotspot(preview)).toBe('app.example.com/accounts/:id/billing: 5 captures from 3 customers, ↑ rising');
  });

  it('splits a page by element or tag only when asked, and the parts add up to the page', async () => {
    await seed();
    const drill = hotspotsResponse.parse(await (await get(`/insights/hotspots?groupBy=route,element&from=${WEEK.from}&to=${WEEK.to}`)).json());
    const billing = drill.hotspots.filter((spot) => spot.route === 'app.example.com/accounts/:id/billing');
    expect(billing.map((spot) => [spot.element?.key ?? null, spot.count]).sort()).toEqual([
      [null, 2],
      ['[data-testid="pay"]', 2],
      ['[data-testid="plan"]', 1],
    ].sort());
    expect(billing.reduce((sum, spot) => sum + spot.count, 0)).toBe(5);
  });
});

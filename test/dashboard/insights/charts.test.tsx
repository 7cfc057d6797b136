import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InsightsPage } from '../../../server/dashboard/src/insights/InsightsPage';
import { bucketLabel } from '../../../server/dashboard/src/insights/timeline';
import { button, fakeSession, hashParams, INSIGHT_ROUTES, mount, now, settle } from './fixtures';

let view: ReturnType<typeof mount>;
beforeEach(() => {
  view = mount();
});
beforeEach(() => {
  // The "could not draw" path warns on purpose; keep the output readable.
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(async () => {
  await view.cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

/** Whether the data table's scroll box is hidden. */
function tableBox(table: Element | null): boolean | undefined {
  const box = table?.parentElement;
  return box instanceof HTMLElement ? box.hidden === true : undefined;
}

/** Paths are only built and handed to the (fake) context. */
class FakePath {
  moveTo(): void {}
  lineTo(): void {}
  arc(): void {}
  rect(): void {}
  closePath(): void {}
  bezierCurveTo(): void {}
  addPath(): void {}
}

/** A 2D context that accepts every call and setting (happy-dom has none): enough for uPlot to run. */
function fakeContext(): CanvasRenderingContext2D {
  const target = { measureText: () => ({ width: 10 }) };
  const context: unknown = new Proxy(target, {
    get: (object, key) => (key in object ? Reflect.get(object, key) : () => undefined),
    set: () => true,
  });
  // happy-dom has no CanvasRenderingContext2D to build one from; uPlot only calls and assigns.
  return context as CanvasRenderingContext2D;
}

async function renderCharts(query: string, navigated: URLSearchParams[] = []) {
  const { session, requests } = fakeSession(INSIGHT_ROUTES);
  await view.render(
    <InsightsPage session={session} params={new URLSearchParams(query)} navigate={(next) => navigated.push(next)} tab="charts" now={now} />,
  );
  await settle();
  return { requests, navigated };
}

function figure(title: string): HTMLElement {
  const found = [...view.container.querySelectorAll('figure')].find((candidate) => candidate.querySelector('h3')?.textContent === title);
  if (!(found instanceof HTMLElement)) throw new Error(`no chart ${title}`);
  return found;
}

describe('Insights: charts', () => {
  it('asks for captures over time by kind and by tag, and the top pages and customers', async () => {
    const { requests } = await renderCharts('severity=high');
    const asked = requests.map((url) => `${url.pathname.replace('/api/v1/insights/', '')}?${url.searchParams.toString()}`).sort();
    expect(asked).toEqual([
      'timeline?severity=high&from=2026-10-24&to=2026-11-22&bucket=day&by=kind',
      'timeline?severity=high&from=2026-10-24&to=2026-11-22&bucket=day&by=tag',
      'top?severity=high&from=2026-10-24&to=2026-11-22&dimension=customer&limit=10',
      'top?severity=high&from=2026-10-24&to=2026-11-22&dimension=page&limit=10',
    ]);
  });

  it('says what each chart shows in a sentence, and has the numbers as a table on request', async () => {
    await renderCharts('');
    const byKind = figure('Captures per day by kind');
    expect(byKind.querySelector('.chart-summary')?.textContent).toBe(
      `12 captures over 3 days. screenshot: 6, busiest day ${bucketLabel('2026-11-22')} with 3; friction: 6, busiest day ${bucketLabel('2026-11-20')} with 5.`,
    );
    expect(byKind.querySelector('.chart-canvas')?.getAttribute('aria-hidden')).toBe('true');
    const table = byKind.querySelector('table.insights-data-table');
    const rows = [...(table?.querySelectorAll('tr') ?? [])].map((row) => [...row.children].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['Day', 'screenshot', 'friction'],
      [bucketLabel('2026-11-20'), '1', '5'],
      [bucketLabel('2026-11-21'), '2', '0'],
      [bucketLabel('2026-11-22'), '3', '1'],
    ]);
    // No canvas in this DOM: once uPlot has loaded and given up, the table shows, without a toggle.
    await vi.waitFor(() => expect(byKind.textContent).toContain('The chart could not be drawn here; the table has the numbers.'));
    expect(tableBox(table)).toBe(false);
    expect([...byKind.querySelectorAll('button')].map((candidate) => candidate.textContent)).toEqual([]);
  });

  it('draws with uPlot where there is a canvas, the table behind a toggle', async () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => fakeContext());
    vi.stubGlobal('Path2D', FakePath);
    await renderCharts('');
    const byTag = figure('Captures per day by tag');
    await vi.waitFor(() => expect(byTag.querySelector('.chart-canvas canvas')).not.toBeNull());
    expect(byTag.querySelector('.chart-canvas .u-legend')?.textContent).toContain('checkout');
    // At rest the legend speaks for the whole range: each series' total, never uPlot's "--" or a "Bucket: —".
    const byKind = figure('Captures per day by kind');
    await vi.waitFor(() => expect(byKind.querySelector('.chart-canvas .u-legend')).not.toBeNull());
    const legend = [...(byKind.querySelectorAll('.chart-canvas .u-legend .u-series') ?? [])].map((row) => [
      row.querySelector('.u-label')?.textContent,
      row.querySelector('.u-value')?.textContent,
    ]);
    expect(legend).toEqual([
      ['Day', `${bucketLabel('2026-11-20')} – ${bucketLabel('2026-11-22')}`],
      ['screenshot', '6 in all'],
      ['friction', '6 in all'],
    ]);
    expect(byKind.querySelector('.u-legend')?.textContent).not.toMatch(/--|Bucket|—/);
    const table = byTag.querySelector('table.insights-data-table');
    const toggle = button(byTag, 'Show data table');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(tableBox(table)).toBe(true);
    await act(async () => toggle.click());
    expect(tableBox(table)).toBe(false);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(toggle.textContent).toBe('Hide data table');
  });

  it('lists top pages and customers with their numbers as text, linking to the feed', async () => {
    await renderCharts('kind=friction&from=2026-11-16&to=2026-11-22');
    const lists = [...view.container.querySelectorAll('ol.bar-list')];
    expect(lists.map((list) => list.getAttribute('aria-label'))).toEqual([
      'Top pages, most captures first',
      'Top customers, most captures first',
    ]);
    const pages = [...(lists[0]?.querySelectorAll('li') ?? [])];
    expect(pages[0]?.textContent).toBe('Billing – Exampleapp.example.com/accounts/:id/billing12 captures · 5 customers');
    // An untitled page is named by its route.
    expect(pages[1]?.querySelector('.bar-list-label')?.textContent).toBe('app.example.com/onboarding/bank');
    expect(Object.fromEntries(hashParams(pages[0]?.querySelector('a')?.getAttribute('href') ?? null))).toEqual({
      kind: 'friction',
      route: 'app.example.com/accounts/:id/billing',
      from: '2026-11-16',
      to: '2026-11-22',
    });
    const customer = lists[1]?.querySelector('a');
    expect(customer?.textContent).toBe('Globex');
    // A customer is one customer: its row counts captures only (no "9 captures · 1 customer").
    expect(lists[1]?.querySelector('li .bar-list-value')?.textContent).toBe('9 captures');
    expect(hashParams(customer?.getAttribute('href') ?? null).get('customer')).toBe('globex');
  });

  it('switches to weeks through the URL, and uses weeks by default past two months', async () => {
    const { navigated } = await renderCharts('kind=friction');
    const select = [...view.container.querySelectorAll('select')].find((candidate) => candidate.querySelector('option[value="week"]'));
    if (!(select instanceof HTMLSelectElement)) throw new Error('no bucket select');
    select.value = 'week';
    await act(async () => select.dispatchEvent(new Event('change', { bubbles: true })));
    expect(navigated.at(-1)?.toString()).toBe('kind=friction&bucket=week');

    await view.cleanup();
    view = mount();
    const { requests } = await renderCharts('from=2026-08-01&to=2026-11-22');
    expect(requests.filter((url) => url.pathname.endsWith('/timeline')).map((url) => url.searchParams.get('bucket'))).toEqual([
      'week',
      'week',
    ]);
    expect(button(view.container, 'Apply')).toBeTruthy();
  });
});

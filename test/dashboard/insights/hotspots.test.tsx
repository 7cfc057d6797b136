import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InsightsPage } from '../../../server/dashboard/src/insights/InsightsPage';
import { act } from 'react';
import { button, fakeSession, hashParams, hashPath, HOTSPOTS, INSIGHT_ROUTES, mount, now, settle, typeInto } from './fixtures';

let view: ReturnType<typeof mount>;
beforeEach(() => {
  view = mount();
});
afterEach(async () => {
  await view.cleanup();
  delete (window as { __xss?: unknown }).__xss;
});

function links(): HTMLAnchorElement[] {
  return [...view.container.querySelectorAll('a')];
}

function link(text: string | RegExp): HTMLAnchorElement {
  const found = links().find((candidate) =>
    typeof text === 'string' ? candidate.textContent === text : text.test(candidate.textContent ?? ''),
  );
  if (!found) throw new Error(`no link ${String(text)}; links: ${links().map((a) => a.textContent).join(' | ')}`);
  return found;
}

async function renderHotspots(query: string, navigated: URLSearchParams[] = []) {
  const { session, requests } = fakeSession(INSIGHT_ROUTES);
  await view.render(
    <InsightsPage session={session} params={new URLSearchParams(query)} navigate={(next) => navigated.push(next)} now={now} />,
  );
  await settle();
  return { requests, navigated };
}

describe('Insights: hot spots', () => {
  it('asks for the feed filter and the default range (last 30 days), never for page-only settings', async () => {
    const { requests } = await renderHotspots('kind=friction&tag=checkout,billing&sort=oldest&bucket=week');
    const asked = requests.find((url) => url.pathname === '/api/v1/insights/hotspots');
    expect(asked?.searchParams.getAll('kind')).toEqual(['friction']);
    expect(asked?.searchParams.getAll('tag')).toEqual(['checkout,billing']);
    expect(asked?.searchParams.get('from')).toBe('2026-10-24');
    expect(asked?.searchParams.get('to')).toBe('2026-11-22');
    // A hot spot is a page unless someone drills down (as in Reports and the digest).
    expect(asked?.searchParams.get('groupBy')).toBe('route');
    expect(asked?.searchParams.has('sort')).toBe(false);
    expect(asked?.searchParams.has('bucket')).toBe(false);
  });

  it('shows each hot spot with its numbers, a described sparkline, and its latest comment as text', async () => {
    await renderHotspots('groupBy=route,element,tag');
    const rows = [...view.container.querySelectorAll('table.hotspots tbody tr')];
    expect(rows).toHaveLength(2);
    const cells = (row: Element | undefined) => [...(row?.querySelectorAll('th, td') ?? [])].map((cell) => cell.textContent);
    expect(cells(rows[0])).toEqual([
      'app.example.com/accounts/:id/billing',
      'Pay now',
      'checkout',
      '12',
      '5',
      '3',
      '↑ rising',
      '<img src=x onerror=window.__xss=1> pay button hidden',
    ]);
    expect(cells(rows[1])?.slice(0, 3)).toEqual(['app.example.com/onboarding/bank', '—', '—']);
    expect(rows[1]?.textContent).toContain('Latest capture (no comment)');
    // The comment is text: no element was made from it.
    expect(view.container.querySelector('tbody img')).toBeNull();
    expect((window as { __xss?: unknown }).__xss).toBeUndefined();
    const sparkline = rows[0]?.querySelector('svg[role="img"]');
    expect(sparkline?.getAttribute('aria-label')).toBe('Trend rising over 3 days: peak 6, last day 6');
    expect(view.container.querySelector('caption')?.textContent).toContain('most captures first');
  });

  it('links each hot spot to the feed filtered by its page, element, tag and the range, keeping the other filters', async () => {
    await renderHotspots('kind=friction&tag=billing&groupBy=route,element,tag&from=2026-11-01&to=2026-11-15');
    const first = link('app.example.com/accounts/:id/billing');
    expect(hashPath(first.getAttribute('href'))).toBe('/');
    expect(Object.fromEntries(hashParams(first.getAttribute('href')))).toEqual({
      kind: 'friction',
      tag: 'checkout',
      route: 'app.example.com/accounts/:id/billing',
      element: '[data-testid="pay"]',
      from: '2026-11-01',
      to: '2026-11-15',
    });
    // No element or tag on this hot spot: the feed keeps the page's filters as they were.
    const second = hashParams(link('app.example.com/onboarding/bank').getAttribute('href'));
    expect(second.get('route')).toBe('app.example.com/onboarding/bank');
    expect(second.get('tag')).toBe('billing');
    expect(second.has('element')).toBe(false);
    expect(link(/pay button hidden/).getAttribute('href')).toBe('#/captures/01937c2e-0000-7000-8000-000000000001');
  });

  it('changes the grouping and the range through the URL', async () => {
    const { navigated } = await renderHotspots('kind=friction');
    const box = (name: string) => [...view.container.querySelectorAll('.group-by label')].find((label) => label.textContent === name)?.querySelector('input');
    expect([box('Page')?.checked, box('Element')?.checked, box('Tag')?.checked]).toEqual([true, false, false]);
    box('Tag')?.click();
    expect(navigated.at(-1)?.get('groupBy')).toBe('route,tag');

    const select = view.container.querySelector('select');
    if (!(select instanceof HTMLSelectElement)) throw new Error('no range select');
    expect(select.value).toBe('30');
    select.value = '7';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    expect(Object.fromEntries(navigated.at(-1) ?? [])).toEqual({ kind: 'friction', from: '2026-11-16', to: '2026-11-22' });
  });

  it('recognises a preset range in the URL, and shows a custom one as custom', async () => {
    await renderHotspots('from=2026-11-16&to=2026-11-22');
    expect(view.container.querySelector('select')?.value).toBe('7');
    await view.cleanup();
    view = mount();
    await renderHotspots('from=2026-11-02&to=2026-11-09');
    expect(view.container.querySelector('select')?.value).toBe('custom');
    expect(view.container.querySelectorAll('input[type="date"]')).toHaveLength(2);
  });

  it('applies a custom range, and refuses one that ends before it starts', async () => {
    const { navigated } = await renderHotspots('from=2026-11-02&to=2026-11-09');
    await typeInto(view.container.querySelectorAll('input[type="date"]')[1], '2026-11-10');
    await act(async () => button(view.container, 'Apply').click());
    expect(navigated.at(-1)?.toString()).toBe('from=2026-11-02&to=2026-11-10');
    navigated.length = 0;
    await typeInto(view.container.querySelector('input[type="date"]'), '2026-11-12');
    await act(async () => button(view.container, 'Apply').click());
    expect(view.container.querySelector('[role="alert"]')?.textContent).toBe('The first day must not be after the last day.');
    expect(navigated).toHaveLength(0);
  });

  it('lists the active filters, each removable', async () => {
    const { navigated } = await renderHotspots('tag=checkout,billing&customer=Globex');
    const items = [...view.container.querySelectorAll('.insights-filters-list li')].map((item) => item.querySelector('span')?.textContent);
    expect(items).toEqual(['Tag: checkout', 'Tag: billing', 'Customer: Globex']);
    const remove = view.container.querySelector('button[aria-label="Remove filter Tag: checkout"]');
    if (!(remove instanceof HTMLButtonElement)) throw new Error('no remove button');
    remove.click();
    expect(navigated.at(-1)?.toString()).toBe('customer=Globex&tag=billing');
  });

  it('says so when nothing matches, and offers a retry when the server fails', async () => {
    let fail = true;
    const { session } = fakeSession({
      '/insights/hotspots': () =>
        fail
          ? new Response(JSON.stringify({ error: { code: 'boom', message: 'The database is busy' } }), { status: 503 })
          : { ...HOTSPOTS, hotspots: [] },
    });
    await view.render(<InsightsPage session={session} params={new URLSearchParams()} navigate={() => undefined} now={now} />);
    await settle();
    expect(view.container.querySelector('[role="alert"]')?.textContent).toContain('The database is busy');
    fail = false;
    button(view.container, 'Try again').click();
    await settle();
    expect(view.container.querySelector('.empty-state h3')?.textContent).toBe('No captures in this range');
  });

  it('tells a guest they cannot see insights, without asking the server', async () => {
    const { session, requests } = fakeSession(INSIGHT_ROUTES, 'guest');
    await view.render(<InsightsPage session={session} params={new URLSearchParams()} navigate={() => undefined} now={now} />);
    await settle();
    expect(view.container.textContent).toContain('Your role cannot see insights.');
    expect(requests).toHaveLength(0);
  });

  it('marks the current view in the tabs and keeps the query in each tab link', async () => {
    const { session } = fakeSession(INSIGHT_ROUTES);
    await view.render(
      <InsightsPage session={session} params={new URLSearchParams('kind=friction')} navigate={() => undefined} tab="onboarding" now={now} />,
    );
    await settle();
    const tabs = [...view.container.querySelectorAll('.insights-tabs a')];
    expect(tabs.map((tab) => [tab.textContent, tab.getAttribute('href'), tab.getAttribute('aria-current')])).toEqual([
      ['Hot spots', '#/insights?kind=friction', null],
      ['Onboarding', '#/insights/onboarding?kind=friction', 'page'],
      ['Charts', '#/insights/charts?kind=friction', null],
    ]);
    // Exporting from here takes the same captures: the filter and the range on screen.
    const exportLink = [...view.container.querySelectorAll('a')].find((a) => a.textContent === 'Export or write a digest');
    expect(exportLink?.getAttribute('href')).toBe('#/reports?kind=friction&from=2026-10-24&to=2026-11-22');
  });
});

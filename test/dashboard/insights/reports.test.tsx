import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReportsPage } from '../../../server/dashboard/src/insights/ReportsPage';
import { button, fakeSession, HOTSPOTS, INSIGHT_ROUTES, mount, now, settle, typeInto } from './fixtures';

let view: ReturnType<typeof mount>;
beforeEach(() => {
  view = mount();
});
afterEach(() => view.cleanup());

function link(text: string): HTMLAnchorElement {
  const found = [...view.container.querySelectorAll('a')].find((candidate) => candidate.textContent?.startsWith(text));
  if (!found) throw new Error(`no link ${text}`);
  return found;
}

function query(href: string | null): Record<string, string[]> {
  const url = new URL(href ?? '', 'http://snag.test');
  const record: Record<string, string[]> = {};
  for (const [key, value] of url.searchParams) (record[key] ??= []).push(value);
  return record;
}

async function renderReports(queryString: string, role: 'ops' | 'member' | 'guest' = 'ops') {
  const { session, requests } = fakeSession(INSIGHT_ROUTES, role);
  const navigated: URLSearchParams[] = [];
  await view.render(
    <ReportsPage session={session} params={new URLSearchParams(queryString)} navigate={(next) => navigated.push(next)} now={now} />,
  );
  await settle();
  return { requests, navigated };
}

describe('Reports', () => {
  it('downloads the current filter (and its order) as CSV or JSON through plain links', async () => {
    await renderReports('status=new&tag=checkout&tag=billing&sort=severity&from=2026-11-01&cursor=abc&groupBy=tag');
    const csv = link('Download CSV');
    expect(csv.hasAttribute('download')).toBe(true);
    expect(new URL(csv.getAttribute('href') ?? '', 'http://snag.test').pathname).toBe('/api/v1/export/captures');
    expect(query(csv.getAttribute('href'))).toEqual({
      tag: ['checkout', 'billing'],
      status: ['new'],
      from: ['2026-11-01'],
      sort: ['severity'],
      format: ['csv'],
    });
    expect(query(link('Download JSON').getAttribute('href')).format).toEqual(['json']);
    expect(view.container.textContent).toContain('Tag: checkout');
  });

  it('offers the digest for the last 7 days by default, as a page and as Markdown', async () => {
    await renderReports('');
    const html = link('Open digest');
    expect(html.getAttribute('target')).toBe('_blank');
    expect(html.getAttribute('rel')).toBe('noopener noreferrer');
    expect(html.textContent).toBe('Open digest (opens in a new tab)');
    expect(html.getAttribute('href')).toBe('/api/v1/reports/digest?from=2026-11-16&to=2026-11-22&format=html');
    const markdown = link('Download Markdown');
    expect(markdown.hasAttribute('download')).toBe(true);
    expect(markdown.getAttribute('href')).toBe('/api/v1/reports/digest?from=2026-11-16&to=2026-11-22&format=markdown');
  });

  it('previews the headline numbers for the digest range', async () => {
    const { requests } = await renderReports('tag=checkout');
    const numbers = [...view.container.querySelectorAll('.headline-numbers div')].map((item) => [
      item.querySelector('dt')?.textContent,
      item.querySelector('dd')?.textContent,
    ]);
    expect(numbers).toEqual([
      ['New captures', '12 captures (6 screenshots, 6 text-only)'],
      ['Top hot spot', `${HOTSPOTS.hotspots[0]?.route}: 12 captures from 5 customers, ↑ rising`],
      ['Worst onboarding step', "Onboarding: Step 'Connect bank' hurts most: 41 captures from 17 customers"],
      ['Top customer', 'Globex: 9 captures'],
    ]);
    // The digest covers the feed's filter over its own range, like every report.
    expect(requests.length).toBeGreaterThan(0);
    for (const url of requests) {
      expect(url.searchParams.get('from')).toBe('2026-11-16');
      expect(url.searchParams.get('to')).toBe('2026-11-22');
      expect(url.searchParams.getAll('tag')).toEqual(['checkout']);
    }
  });

  it('writes the digest of the feed filter: its links carry the filter, the digest range replaces from/to', async () => {
    await renderReports('tag=checkout&customer=Globex&from=2026-10-01&sort=severity');
    expect(query(link('Open digest').getAttribute('href'))).toEqual({
      tag: ['checkout'],
      customer: ['Globex'],
      from: ['2026-11-16'],
      to: ['2026-11-22'],
      format: ['html'],
    });
  });

  it('changes the digest range, and refuses an impossible one', async () => {
    await renderReports('');
    const [from, to] = view.container.querySelectorAll('form[aria-label="Digest range"] input[type="date"]');
    await typeInto(from, '2026-11-01');
    await typeInto(to, '2026-11-07');
    await act(async () => button(view.container, 'Update').click());
    await settle();
    expect(link('Open digest').getAttribute('href')).toBe('/api/v1/reports/digest?from=2026-11-01&to=2026-11-07&format=html');

    await typeInto(from, '2026-11-09');
    await act(async () => button(view.container, 'Update').click());
    expect(view.container.querySelector('[role="alert"]')?.textContent).toBe('The first day must not be after the last day.');
    expect(link('Open digest').getAttribute('href')).toBe('/api/v1/reports/digest?from=2026-11-01&to=2026-11-07&format=html');
  });

  it('removes a filter from the export through the URL', async () => {
    const { navigated } = await renderReports('status=new&customer=Globex');
    const remove = view.container.querySelector('button[aria-label="Remove filter Status: new"]');
    if (!(remove instanceof HTMLButtonElement)) throw new Error('no remove button');
    remove.click();
    expect(navigated.at(-1)?.toString()).toBe('customer=Globex');
  });

  it('tells a member without export rights, and asks nothing', async () => {
    const { requests } = await renderReports('', 'member');
    expect(view.container.textContent).toContain('Your role cannot export captures or write digests.');
    expect(view.container.querySelector('a[download]')).toBeNull();
    expect(requests).toHaveLength(0);
  });
});

import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { FilterBar } from '../../../server/dashboard/src/feed/FilterBar';
import { SavedViews } from '../../../server/dashboard/src/feed/SavedViews';
import { parseRoute, type FeedFilters } from '../../../server/dashboard/src/ui/route';
import { fakeApi, type SeenRequest } from '../support/fake-api';
import { harness } from '../support/feed-harness';
import { button, click, control, mount, settle, type Rendered } from '../support/render';

let view: Rendered | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
  document.body.innerHTML = '';
  window.location.hash = '';
});

const NOW = new Date('2026-11-22T15:00:00.000Z');

/** The filter the URL holds now. */
function urlFilters(): FeedFilters {
  const route = parseRoute(window.location.hash);
  if (route.name !== 'feed') throw new Error(`not the feed: ${window.location.hash}`);
  return route.filters;
}

async function renderBar(filters: FeedFilters) {
  const api = fakeApi({ 'GET /people': { status: 200, body: { people: [{ id: 'u5', name: 'Pat Product', role: 'member' }] } } });
  const page = harness('ops', api.fetch);
  const searchRef = { current: null };
  const render = (current: FeedFilters) => (
    <page.Frame>{() => <FilterBar filters={current} me={page.session.user} searchRef={searchRef} now={() => NOW} />}</page.Frame>
  );
  view = await mount(render(filters));
  await settle();
  // The bar only navigates; follow the URL as the shell would.
  const follow = async () => view?.render(render(urlFilters()));
  return { container: view.container, follow };
}

async function typeText(input: HTMLInputElement, text: string) {
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function enter(input: HTMLInputElement) {
  await act(async () => {
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
  });
}

describe('the filter bar', () => {
  it('writes each choice into the URL', async () => {
    const { container, follow } = await renderBar({});
    const statusGroup = container.querySelector('[role=group][aria-labelledby]');
    if (!(statusGroup instanceof HTMLElement)) throw new Error('no status group');
    await click(button(statusGroup, 'New'));
    expect(urlFilters()).toEqual({ status: ['new'] });
    await follow();
    await click(button(statusGroup, 'In progress'));
    await follow();
    expect(urlFilters()).toEqual({ status: ['new', 'in_progress'] });
    expect(button(statusGroup, 'New').getAttribute('aria-pressed')).toBe('true');

    const search = control(container, 'Search') as HTMLInputElement;
    await typeText(search, '  "cookie banner" pay ');
    await enter(search);
    await follow();
    expect(urlFilters().q).toBe('"cookie banner" pay');

    const date = control(container, 'Date');
    await act(async () => {
      (date as HTMLSelectElement).value = '7d';
      date.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await follow();
    expect(urlFilters().from).toBe('2026-11-16');

    const assignee = control(container, 'Assignee');
    await act(async () => {
      (assignee as HTMLSelectElement).value = 'none';
      assignee.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await follow();
    const tags = control(container, 'Tags') as HTMLInputElement;
    await typeText(tags, 'Checkout, billing');
    await enter(tags);
    await follow();
    const path = control(container, 'Path pattern') as HTMLInputElement;
    await typeText(path, 'accounts/*');
    expect(container.textContent).toContain('A path starts with /');
    await enter(path);
    expect(urlFilters().path).toBeUndefined();
    await typeText(path, '/accounts/*/billing');
    await enter(path);
    await follow();
    expect(urlFilters()).toEqual({
      q: '"cookie banner" pay',
      status: ['new', 'in_progress'],
      assignee: 'none',
      tag: ['checkout', 'billing'],
      path: '/accounts/*/billing',
      from: '2026-11-16',
    });
  });

  it('filters by category: Friction is a category (in the URL as category=friction), not a kind', async () => {
    const { container, follow } = await renderBar({});
    const group = (name: string) => {
      const found = [...container.querySelectorAll('[role=group]')].find((candidate) => {
        const label = candidate.getAttribute('aria-labelledby');
        return label !== null && document.getElementById(label)?.textContent === name;
      });
      if (!(found instanceof HTMLElement)) throw new Error(`no ${name} group`);
      return found;
    };
    expect([...group('Kind').querySelectorAll('button')].map((option) => option.textContent)).toEqual(['Screenshot', 'Clip']);
    await click(button(group('Category'), 'Friction'));
    await follow();
    expect(urlFilters()).toEqual({ category: ['friction'] });
    expect(window.location.hash).toBe('#/?category=friction');
    expect(button(group('Category'), 'Friction').getAttribute('aria-pressed')).toBe('true');
    expect(container.textContent).toContain('Category: Friction');
    await click(button(group('Category'), 'Bug'));
    await follow();
    expect(urlFilters()).toEqual({ category: ['bug', 'friction'] });
  });

  it('removes filters one by one or all at once, keeping the sort', async () => {
    window.location.hash = '#/?status=new&customer=Globex&sort=oldest';
    const { container, follow } = await renderBar(urlFilters());
    const remove = [...container.querySelectorAll('button')].find((candidate) => candidate.getAttribute('aria-label') === 'Remove filter Customer: Globex');
    if (!remove) throw new Error('no chip for the customer');
    await click(remove);
    await follow();
    expect(urlFilters()).toEqual({ status: ['new'], sort: 'oldest' });
    await click(button(container, 'Clear filters'));
    expect(urlFilters()).toEqual({ sort: 'oldest' });
  });
});

describe('saved views', () => {
  it('lists own and shared views as links, saves the current filter and deletes one', async () => {
    const views = [
      { id: 'v1', name: 'New checkout', query: 'status=new&tag=checkout', shared: false, owner: { id: 'u1', name: 'Olivia Ops' }, createdAt: '2026-11-20T10:00:00.000Z' },
      { id: 'v2', name: 'Urgent', query: 'priority=urgent', shared: true, owner: { id: 'u9', name: 'Ann Admin' }, createdAt: '2026-11-20T10:00:00.000Z' },
    ];
    const api = fakeApi({
      'GET /views': { status: 200, body: { views } },
      'POST /views': (request: SeenRequest) => ({
        status: 201,
        body: { id: 'v3', ...(request.body as object), owner: { id: 'u1', name: 'Olivia Ops' }, createdAt: '2026-11-22T10:00:00.000Z' },
      }),
      'DELETE /views/v1': { status: 204 },
    });
    const page = harness('ops', api.fetch);
    view = await mount(
      <page.Frame>{() => <SavedViews api={page.api} session={page.session} filters={{ status: ['new'], tag: ['checkout'] }} />}</page.Frame>,
    );
    await settle();
    const links = [...view.container.querySelectorAll('nav a')];
    expect(links.map((link) => [link.textContent, link.getAttribute('href'), link.getAttribute('aria-current')])).toEqual([
      ['Everything', '#/', null],
      ['New checkout', '#/?tag=checkout&status=new', 'page'],
      ['Urgent · Ann Admin', '#/?priority=urgent', null],
    ]);
    // Someone else's shared view cannot be deleted by a non-admin.
    expect(view.container.querySelectorAll('.view-delete')).toHaveLength(1);

    await click(button(view.container, 'Save this view'));
    await typeText(control(view.container, 'View name') as HTMLInputElement, 'Mine');
    await click(button(view.container, 'Save'));
    await settle();
    expect(api.seen.find((request) => request.method === 'POST')?.body).toEqual({ name: 'Mine', query: 'tag=checkout&status=new', shared: false });
    expect([...view.container.querySelectorAll('nav a')].map((link) => link.textContent)).toContain('Mine');

    const remove = view.container.querySelector('.view-delete');
    if (!(remove instanceof HTMLButtonElement)) throw new Error('no delete button');
    await click(remove);
    await settle();
    expect(api.seen.some((request) => request.method === 'DELETE' && request.path === '/views/v1')).toBe(true);
    expect([...view.container.querySelectorAll('nav a')].map((link) => link.textContent)).not.toContain('New checkout');
  });
});

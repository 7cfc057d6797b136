import { describe, expect, it } from 'vitest';
import {
  captureHref,
  feedHref,
  filtersQuery,
  formatRoute,
  isFiltered,
  parseFilters,
  parseRoute,
  type FeedFilters,
} from '../../../server/dashboard/src/ui/route';

const ID = '01938f1e-7c4a-7b2e-8a3f-2c1d4e5f6a7b';
const filtersOf = (query: string) => parseFilters(new URLSearchParams(query));

describe('feed filters in the URL', () => {
  it('reads every filter of the feed', () => {
    expect(
      filtersOf(
        'q=%22export+button%22+disab&status=new,triaged&priority=urgent&priority=high&assignee=me&kind=friction' +
          '&severity=high,critical&tag=Checkout&tag=billing&reporter=u1,u2&customer=Globex&site=App.Example.com' +
          '&path=/accounts/*/billing&route=app.example.com/accounts/:id&element=%5Bdata-testid%3Dpay%5D' +
          '&flow=Onboarding&step=Invite&from=2026-11-01&to=2026-11-22T12:00:00.000Z&includeMerged=true&sort=severity&limit=20',
      ),
    ).toEqual({
      q: '"export button" disab',
      status: ['new', 'triaged'],
      priority: ['urgent', 'high'],
      assignee: 'me',
      kind: ['friction'],
      severity: ['high', 'critical'],
      tag: ['checkout', 'billing'],
      reporter: ['u1', 'u2'],
      customer: 'Globex',
      site: 'app.example.com',
      path: '/accounts/*/billing',
      route: 'app.example.com/accounts/:id',
      element: '[data-testid=pay]',
      flow: 'Onboarding',
      step: 'Invite',
      from: '2026-11-01',
      to: '2026-11-22T12:00:00.000Z',
      includeMerged: true,
      sort: 'severity',
      limit: 20,
    });
  });

  it('drops what it does not understand, keeping the good values of a list', () => {
    expect(filtersOf('status=new,bogus&priority=none&kind=video&from=yesterday&path=no-slash&sort=random&limit=0')).toEqual({
      status: ['new'],
    });
    expect(filtersOf('cursor=abc&unknown=1')).toEqual({});
  });

  it('leaves defaults and empty values out, so equal filters are equal', () => {
    expect(filtersOf('sort=newest&includeMerged=false&limit=50&q=&tag=')).toEqual({});
    expect(filtersOf('status=new&status=new')).toEqual({ status: ['new'] });
  });

  it('writes filters in one canonical form, lists comma-joined', () => {
    const filters: FeedFilters = { tag: ['checkout', 'billing'], status: ['new'], assignee: 'none', sort: 'oldest' };
    expect(filtersQuery(filters)).toBe('tag=checkout%2Cbilling&status=new&assignee=none&sort=oldest');
    expect(feedHref({})).toBe('#/');
    expect(feedHref({ sort: 'newest', includeMerged: false })).toBe('#/');
  });

  it('round-trips every filter through the URL', () => {
    const filters: FeedFilters = {
      q: 'pay "cookie banner"',
      status: ['in_progress', 'resolved'],
      priority: ['low'],
      assignee: 'u7',
      kind: ['screenshot', 'clip'],
      severity: ['medium'],
      tag: ['a b', 'c'],
      reporter: ['u3'],
      customer: 'Initech & Co',
      site: 'shop.example.com:8443',
      path: '/**/checkout',
      route: 'shop.example.com/cart',
      element: 'button#pay',
      flow: 'Checkout',
      step: 'Pay',
      from: '2026-10-01',
      to: '2026-10-31',
      includeMerged: true,
      sort: 'severity',
      limit: 100,
    };
    const route = parseRoute(feedHref(filters));
    expect(route).toEqual({ name: 'feed', filters });
    expect(formatRoute(route)).toBe(feedHref(filters));
  });

  it('tells a narrowing filter from a mere sort', () => {
    expect(isFiltered({})).toBe(false);
    expect(isFiltered({ sort: 'oldest', limit: 10 })).toBe(false);
    expect(isFiltered({ status: ['new'] })).toBe(true);
  });
});

describe('dashboard pages', () => {
  it('reads every page of the dashboard', () => {
    expect(parseRoute(captureHref(ID))).toEqual({ name: 'capture', id: ID });
    expect(parseRoute('#/insights')).toEqual({ name: 'insights', tab: undefined, query: '' });
    expect(parseRoute('#/insights/onboarding?kind=friction')).toEqual({ name: 'insights', tab: 'onboarding', query: 'kind=friction' });
    expect(parseRoute('#/reports?status=new')).toEqual({ name: 'reports', query: 'status=new' });
    expect(parseRoute('#/pair')).toEqual({ name: 'pair' });
    expect(parseRoute('#/account')).toEqual({ name: 'account' });
    expect(parseRoute('#/admin')).toEqual({ name: 'admin', tab: '' });
    expect(parseRoute('#/admin/audit')).toEqual({ name: 'admin', tab: 'audit' });
    expect(parseRoute('#/invite/abc')).toEqual({ name: 'invite', token: 'abc' });
    expect(parseRoute('#/captures/a/b')).toEqual({ name: 'not-found', path: '/captures/a/b' });
  });

  it('writes them back', () => {
    for (const hash of ['#/insights', '#/insights/charts?tag=x', '#/reports?kind=clip', '#/pair', '#/account', '#/admin', '#/admin/data']) {
      expect(formatRoute(parseRoute(hash))).toBe(hash);
    }
  });
});

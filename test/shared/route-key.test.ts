import { describe, expect, it } from 'vitest';
import { elementKey, isIdLikeSegment, routeKey, siteOf } from '#shared/route-key';

describe('routeKey', () => {
  it('keeps host and path, drops query and hash, collapses ids', () => {
    expect(routeKey('https://app.example.com/accounts/8812/billing?x=1')).toBe('app.example.com/accounts/:id/billing');
    expect(routeKey('https://App.Example.COM/accounts/8812/billing#tab')).toBe('app.example.com/accounts/:id/billing');
  });

  it('drops the trailing slash and empty segments; the root is host/', () => {
    expect(routeKey('https://app.example.com/settings/')).toBe('app.example.com/settings');
    expect(routeKey('https://app.example.com//settings//team')).toBe('app.example.com/settings/team');
    expect(routeKey('https://app.example.com')).toBe('app.example.com/');
    expect(routeKey('https://app.example.com/?q=1')).toBe('app.example.com/');
  });

  it('keeps a non-default port', () => {
    expect(routeKey('http://localhost:3000/a/1')).toBe('localhost:3000/a/:id');
    expect(routeKey('https://example.com:443/a')).toBe('example.com/a');
  });

  it('collapses UUIDs, long hex, long mixed tokens and emails', () => {
    expect(routeKey('https://x.io/u/0190f1d2-3c4b-7a00-8a00-0123456789ab/edit')).toBe('x.io/u/:id/edit');
    expect(routeKey('https://x.io/commit/9fceb02d0ae598e95dc970b74767f19372d61af8')).toBe('x.io/commit/:id');
    expect(routeKey('https://x.io/c/deadbeef')).toBe('x.io/c/:id');
    expect(routeKey('https://x.io/invite/aB3dE5gH7jK9mN1p')).toBe('x.io/invite/:id');
    expect(routeKey('https://x.io/people/jane.doe%40example.com')).toBe('x.io/people/:id');
    expect(routeKey('https://x.io/people/jane@example.com/profile')).toBe('x.io/people/:id/profile');
  });

  it('keeps words, short slugs and slugs of words', () => {
    expect(routeKey('https://x.io/docs/getting-started-with-billing')).toBe('x.io/docs/getting-started-with-billing');
    expect(routeKey('https://x.io/v2/api')).toBe('x.io/v2/api');
    expect(routeKey('https://x.io/reports/q3')).toBe('x.io/reports/q3');
    expect(routeKey('https://x.io/feedback')).toBe('x.io/feedback');
  });

  it('does not throw on something that is not a URL', () => {
    expect(routeKey('not a url?x=1')).toBe('not a url');
  });
});

describe('isIdLikeSegment', () => {
  it.each([
    ['8812', true],
    ['abcdef12', true],
    ['a1b2c3d4e5f6g7h8', true],
    ['checkout', false],
    ['user-settings-page', false],
    ['abc123', false],
  ])('%s → %s', (segment, expected) => {
    expect(isIdLikeSegment(segment)).toBe(expected);
  });
});

describe('siteOf', () => {
  it('is the lower-cased host with a non-default port', () => {
    expect(siteOf('https://App.Example.com/x')).toBe('app.example.com');
    expect(siteOf('http://127.0.0.1:8787/')).toBe('127.0.0.1:8787');
    expect(siteOf('nonsense')).toBe('');
  });
});

describe('elementKey', () => {
  const base = { selector: 'main > button.export' };

  it('is null without a locator', () => {
    expect(elementKey(undefined)).toBeNull();
    expect(elementKey(null)).toBeNull();
  });

  it('prefers the test id over the rest of the selector', () => {
    expect(elementKey({ selector: 'main > div:nth-child(3) > [data-testid="export"]' })).toBe('[data-testid="export"]');
  });

  it('uses the selector otherwise, with record ids collapsed', () => {
    expect(elementKey(base)).toBe('main > button.export');
    expect(elementKey({ selector: '#row-8812 > td.actions' })).toBe('#row-:id > td.actions');
    expect(elementKey({ selector: '[data-testid="row-88120"]' })).toBe('[data-testid="row-:id"]');
  });

  it('prefixes frames and shadow roots', () => {
    expect(elementKey({ ...base, framePath: ['iframe#app'], shadowPath: ['x-toolbar'] })).toBe(
      'iframe#app >>> x-toolbar >>> main > button.export',
    );
  });
});

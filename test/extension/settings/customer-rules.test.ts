import { describe, expect, it } from 'vitest';
import {
  customerFromRules,
  customerFromUrl,
  urlPatternMatches,
  readCustomerRules,
  selectorsToRead,
  validateCustomerRules,
} from '@/lib/settings/customer-rules';
import { type CustomerRule } from '@/lib/settings/items';
import { unsafeRegexReason } from '@/lib/settings/url-matching';
import { selectorChecker } from '@/lib/settings/privacy';

const zendesk: CustomerRule = { pattern: 'https://acme.zendesk.com/agent/tickets/*', source: { from: 'selector', selector: '.requester-name' } };
const crm: CustomerRule = { pattern: 'crm.example.com/accounts/*', source: { from: 'url', regex: '/accounts/([^/?#]+)' } };

describe('URL patterns', () => {
  it.each([
    ['https://acme.zendesk.com/agent/tickets/*', 'https://acme.zendesk.com/agent/tickets/123', true],
    ['https://acme.zendesk.com/agent/tickets/*', 'https://acme.zendesk.com/agent/users/1', false],
    ['https://acme.zendesk.com/agent/tickets/*', 'https://evil.com/?https://acme.zendesk.com/agent/tickets/1', false],
    ['crm.example.com/accounts/*', 'http://crm.example.com/accounts/globex', true],
    ['*.example.com/*', 'https://app.example.com/x', true],
    ['https://a.example/x.y', 'https://a.example/xzy', false],
    ['HTTPS://A.example/*/b*', 'https://a.example/x/y/bz', true],
    ['https://a.example/*a*b', 'https://a.example/ab', true],
    ['https://a.example/*ab*ab', 'https://a.example/ab', false],
    ['https://a.example/**', 'https://a.example/', true],
    ['https://a.example/', 'https://a.example/x', false],
  ])('%s matches %s: %s', (pattern, url, expected) => {
    expect(urlPatternMatches(pattern, url)).toBe(expected);
  });
});

describe('on a long page address', () => {
  // A page picks its own URL, tens of kilobytes if it likes: a rule must not stall the capture.
  const long = `https://crm.example.com/${'a'.repeat(50_000)}`;

  it('matches a pattern with many wildcards in one pass (a regular expression backtracks for ages)', () => {
    expect(urlPatternMatches('crm.example.com/*a*a*a*a*a*a*a*a*a*a*a*b', long)).toBe(false);
    expect(urlPatternMatches('crm.example.com/*a*a*a', long)).toBe(true);
  });

  it('never runs an expression that could backtrack badly', () => {
    expect(customerFromUrl('(a+)+$', `${long}!`)).toBeUndefined();
    expect(customerFromUrl('(.*a){12}', long)).toBeUndefined();
    expect(customerFromUrl('a*a*a*a*a*b', long)).toBeUndefined();
  });

  it('reads only the start of the address', () => {
    expect(customerFromUrl('/(a+z)$', `${long}z`)).toBeUndefined();
    expect(customerFromUrl('crm\\.example\\.com/(a{3})', long)).toBe('aaa');
  });
});

describe('unsafeRegexReason', () => {
  it.each(['/accounts/([^/?#]+)', 'org=\\w+', '^https?://(?:www\\.)?crm\\.example\\.com/a/(\\d+)', '(?<id>[0-9]{1,12})', '/t/(a|b|c)/([^/]+)', '[(+*]x+'])(
    '%s is safe',
    (source) => expect(unsafeRegexReason(source)).toBeUndefined(),
  );

  it.each([
    ['(a+)+$', 'repeats a group'],
    ['(a|aa)*', 'repeats a group'],
    ['(\\w+\\s?)*x', 'repeats a group'],
    ['.*.*=x', 'more than one unbounded'],
    ['(\\d+)/(\\w+)', 'more than one unbounded'],
    ['(a)\\1', 'back-references'],
    ['(?=a)a', 'look-arounds'],
    ['a?a?a?a?a?a?a?a?a?aaaaaaaaa', 'too many optional parts'],
  ])('%s is refused: %s', (source, why) => expect(unsafeRegexReason(source)).toContain(why));
});

describe('customerFromUrl', () => {
  it('takes the first group, decoded, or the whole match', () => {
    expect(customerFromUrl('/accounts/([^/?#]+)', 'https://crm.example.com/accounts/Globex%20Corp/billing')).toBe('Globex Corp');
    expect(customerFromUrl('org=\\w+', 'https://x.example/?org=initech')).toBe('org=initech');
    expect(customerFromUrl('/accounts/(\\d+)', 'https://x.example/other')).toBeUndefined();
    expect(customerFromUrl('(', 'https://x.example/')).toBeUndefined();
  });
});

describe('customerFromRules', () => {
  it('uses the first rule that applies and finds a name, and says which', () => {
    const url = 'https://acme.zendesk.com/agent/tickets/42';
    expect(selectorsToRead([crm, zendesk], url)).toEqual(['.requester-name']);
    expect(customerFromRules([crm, zendesk], url, [{ selector: '.requester-name', text: '  Jane   Doe ' }])).toEqual({
      customer: 'Jane Doe',
      rule: zendesk.pattern,
    });
    expect(customerFromRules([zendesk, crm], 'https://crm.example.com/accounts/globex', [])).toEqual({
      customer: 'globex',
      rule: crm.pattern,
    });
    expect(customerFromRules([zendesk], url, [])).toBeUndefined();
    expect(selectorsToRead([zendesk], undefined)).toEqual([]);
  });
});

describe('validateCustomerRules', () => {
  const check = selectorChecker(document);

  it('accepts good rules and names the rule that is wrong', () => {
    expect(validateCustomerRules([zendesk, crm], check)).toEqual({ ok: true, value: [zendesk, crm] });
    expect(validateCustomerRules([zendesk, { ...crm, pattern: ' ' }], check)).toEqual({
      ok: false,
      reason: 'Customer rule 2: enter the pages it applies to',
    });
    expect(validateCustomerRules([{ ...zendesk, source: { from: 'selector', selector: 'div[' } }], check)).toEqual({
      ok: false,
      reason: 'Customer rule 1: "div[" is not a valid CSS selector',
    });
    expect(validateCustomerRules([{ ...crm, source: { from: 'url', regex: '(' } }], check)).toEqual({
      ok: false,
      reason: 'Customer rule 1: "(" is not a valid regular expression',
    });
    expect(validateCustomerRules([{ ...crm, source: { from: 'url', regex: '(x+x+)+y' } }], check)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('Customer rule 1: "(x+x+)+y" could make every capture slow'),
    });
  });

  it('reads nothing stored as no rules, and reports rules that do not validate', async () => {
    const store = (value: unknown) => ({ getValue: async () => value, setValue: async () => undefined });
    expect(await readCustomerRules(store(undefined))).toEqual({ ok: true, value: [] });
    expect(await readCustomerRules(store([zendesk]))).toEqual({ ok: true, value: [zendesk] });
    expect((await readCustomerRules(store([{ pattern: 1 }]))).ok).toBe(false);
  });
});

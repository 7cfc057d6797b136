import { describe, expect, it } from 'vitest';
import {
  bulkTriageInput,
  feedFilter,
  feedQuery,
  feedQueryString,
  mergeInput,
  parseFeedQueryString,
  queryRecord,
  savedViewInput,
  triageInput,
} from '#shared/review';

describe('feedFilter', () => {
  it('accepts repeated and comma-separated list parameters alike', () => {
    const repeated = feedFilter.parse({ tag: ['Checkout', 'billing'], status: 'new,triaged' });
    expect(repeated.tag).toEqual(['checkout', 'billing']);
    expect(repeated.status).toEqual(['new', 'triaged']);
    expect(feedFilter.parse({ kind: ['clip,friction', 'screenshot'] }).kind).toEqual(['clip', 'friction', 'screenshot']);
  });

  it('treats empty parameters as absent and defaults includeMerged to false', () => {
    expect(feedFilter.parse({ tag: '', status: ',', q: '  ' })).toEqual({ includeMerged: false });
    expect(feedFilter.parse({ includeMerged: 'true' }).includeMerged).toBe(true);
    expect(feedFilter.parse({ includeMerged: '0' }).includeMerged).toBe(false);
  });

  it('refuses unknown values, naming the field', () => {
    const result = feedFilter.safeParse({ status: 'new,open' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['status', 1]);
    expect(feedFilter.safeParse({ nope: '1' }).success).toBe(false);
    expect(feedFilter.safeParse({ from: '2026-13-40' }).success).toBe(false);
    expect(feedFilter.safeParse({ path: 'accounts/*' }).success).toBe(false);
    expect(feedFilter.safeParse({ path: '/**/a/**' }).success).toBe(false);
    expect(feedFilter.safeParse({ includeMerged: 'yes' }).success).toBe(false);
  });

  it('takes dates and date-times for from/to', () => {
    expect(feedFilter.parse({ from: '2026-11-01', to: '2026-11-22T10:00:00+01:00' })).toMatchObject({
      from: '2026-11-01',
      to: '2026-11-22T10:00:00+01:00',
    });
  });
});

describe('feedQuery', () => {
  it('keeps the old single kind/tag queries working, with defaults', () => {
    expect(feedQuery.parse({ kind: 'clip', tag: 'checkout' })).toEqual({
      kind: ['clip'],
      tag: ['checkout'],
      includeMerged: false,
      sort: 'newest',
      limit: 50,
    });
    expect(feedQuery.safeParse({ limit: '201' }).success).toBe(false);
    expect(feedQuery.safeParse({ sort: 'random' }).success).toBe(false);
  });

  it('round-trips through a query string', () => {
    const parsed = parseFeedQueryString('?status=new&tag=a&tag=b&sort=severity&q=%22pay+now%22');
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({ status: ['new'], tag: ['a', 'b'], sort: 'severity', q: '"pay now"' });
    const text = feedQueryString(parsed.data ?? {});
    expect(text).toBe('tag=a%2Cb&status=new&q=%22pay+now%22&sort=severity');
    expect(feedQuery.parse(queryRecord(text))).toEqual(parsed.data);
  });
});

describe('triage inputs', () => {
  it('need at least one change and refuse duplicate as a status', () => {
    expect(triageInput.safeParse({}).success).toBe(false);
    expect(triageInput.parse({ priority: null })).toEqual({ priority: null });
    const duplicate = triageInput.safeParse({ status: 'duplicate' });
    expect(duplicate.error?.issues[0]?.path).toEqual(['status']);
  });

  it('bulk: 1..200 ids, deduplicated', () => {
    const id = '019a9b3c-5d1e-7f00-8a00-0123456789ab';
    expect(bulkTriageInput.parse({ ids: [id, id], status: 'resolved' }).ids).toEqual([id]);
    expect(bulkTriageInput.safeParse({ ids: [], status: 'resolved' }).success).toBe(false);
  });

  it('merge: the target is not one of its duplicates', () => {
    const id = '019a9b3c-5d1e-7f00-8a00-0123456789ab';
    const result = mergeInput.safeParse({ targetId: id, duplicateIds: [id] });
    expect(result.error?.issues[0]?.path).toEqual(['duplicateIds']);
  });
});

describe('savedViewInput', () => {
  it('keeps a query that parses as a feed query', () => {
    expect(savedViewInput.parse({ name: ' Open checkout ', query: '?status=new&tag=checkout' })).toEqual({
      name: 'Open checkout',
      query: 'status=new&tag=checkout',
      shared: false,
    });
  });

  it('refuses one that does not', () => {
    const result = savedViewInput.safeParse({ name: 'x', query: 'status=open' });
    expect(result.error?.issues[0]?.path).toEqual(['query']);
  });
});

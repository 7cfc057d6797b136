import { describe, expect, it } from 'vitest';
import { captureHref, feedHref, formatRoute, parseRoute } from '../../server/dashboard/src/ui/route';

const ID = '01938f1e-7c4a-7b2e-8a3f-2c1d4e5f6a7b';

describe('dashboard routes', () => {
  it('reads the feed from an empty or root hash', () => {
    expect(parseRoute('')).toEqual({ name: 'feed', filters: {} });
    expect(parseRoute('#')).toEqual({ name: 'feed', filters: {} });
    expect(parseRoute('#/')).toEqual({ name: 'feed', filters: {} });
  });

  it('reads filters from the query', () => {
    expect(parseRoute('#/?kind=clip&tag=Checkout%20&limit=5')).toEqual({
      name: 'feed',
      filters: { kind: ['clip'], tag: ['checkout'], limit: 5 },
    });
  });

  it('ignores filters it does not understand', () => {
    expect(parseRoute('#/?kind=video&tag=%20&limit=0')).toEqual({ name: 'feed', filters: {} });
    expect(parseRoute('#/?limit=1000')).toEqual({ name: 'feed', filters: {} });
    expect(parseRoute('#/?limit=2.5')).toEqual({ name: 'feed', filters: {} });
  });

  it('reads a capture', () => {
    expect(parseRoute(`#/captures/${ID}`)).toEqual({ name: 'capture', id: ID });
    expect(parseRoute(`#/captures/${ID}/`)).toEqual({ name: 'capture', id: ID });
  });

  it('treats anything else as not found', () => {
    expect(parseRoute('#/elsewhere')).toEqual({ name: 'not-found', path: '/elsewhere' });
    expect(parseRoute('#main')).toEqual({ name: 'not-found', path: 'main' });
    expect(parseRoute('#/captures/%E0%A4%A')).toEqual({ name: 'not-found', path: '/captures/%E0%A4%A' });
  });

  it('round-trips', () => {
    for (const hash of ['#/', '#/?kind=friction', '#/?kind=screenshot&tag=ux&limit=2', captureHref(ID)]) {
      expect(formatRoute(parseRoute(hash))).toBe(hash);
    }
    expect(feedHref({ tag: ['a b'] })).toBe('#/?tag=a+b');
    expect(parseRoute(feedHref({ tag: ['a b'] }))).toEqual({ name: 'feed', filters: { tag: ['a b'] } });
  });
});

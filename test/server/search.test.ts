import { describe, expect, it } from 'vitest';
import { useReviewApp } from './review-helpers';

describe('GET /api/v1/captures?q=', () => {
  const r = useReviewApp();

  it('finds words in the comment, quote, title and URL; last word a prefix; "phrases"', async () => {
    const banner = await r.capture({
      comment: 'The pay button is hidden behind the cookie banner',
      createdAt: '2026-11-01T10:00:00.000Z',
    });
    const clip = await r.capture({
      kind: 'clip',
      annotations: [],
      comment: '',
      quote: 'Where do I download my invoices?',
      page: { url: 'https://app.example.com/accounts/8812/billing', title: 'Billing – Acme' },
      createdAt: '2026-11-01T11:00:00.000Z',
    });
    expect(await r.feedIds('?q=pay%20butt')).toEqual([banner]);
    expect(await r.feedIds(`?q=${encodeURIComponent('"cookie banner"')}`)).toEqual([banner]);
    expect(await r.feedIds('?q=invoices')).toEqual([clip]);
    expect(await r.feedIds('?q=acme')).toEqual([clip]);
    expect(await r.feedIds('?q=8812')).toEqual([clip]);
    expect(await r.feedIds('?q=example')).toEqual([clip, banner]);
    expect(await r.feedIds('?q=invoices&kind=screenshot')).toEqual([]);
  });

  it('answers 200, never 500, for input that would be an FTS syntax error', async () => {
    await r.capture();
    for (const q of ['"', 'AND OR (', 'NEAR(', '*', "'", '\\', ':', '-pay', 'pay +', '^', '""""']) {
      const res = await r.call('GET', `/captures?q=${encodeURIComponent(q)}`, r.admin);
      expect(res.status, q).toBe(200);
    }
  });
});

import { describe, expect, it } from 'vitest';
import type { Store } from '../../server/store/store';
import { minutesAfter, useReviewWorld } from './review-fixtures';

const T0 = '2026-11-01T10:00:00.000Z';

/** Full-text search means the same on every engine, and no input can break it. */
export function describeReviewSearchConformance(name: string, open: () => Promise<Store>): void {
  describe(`Review search conformance: ${name}`, () => {
    const w = useReviewWorld(open);

    async function seed() {
      const banner = await w.create({
        comment: 'The pay button is hidden behind the cookie banner on small screens.',
        page: { url: 'https://shop.example.com/checkout?step=2', title: 'Checkout – Example Shop' },
        createdAt: minutesAfter(T0, 1),
      });
      const invoice = await w.create({
        kind: 'clip',
        annotations: [],
        comment: 'Customer cannot pay',
        quote: 'I could not find where to download my invoices',
        page: { url: 'https://app.example.com/accounts/8812/billing', title: 'Billing – Acme' },
        createdAt: minutesAfter(T0, 2),
      });
      const café = await w.create({
        comment: 'Café menu: prices wrong (état 42)',
        page: { url: 'https://menu.example.com/', title: 'Menü' },
        createdAt: minutesAfter(T0, 3),
      });
      return { banner, invoice, café };
    }

    it('ANDs words, matches the last one as a prefix, and finds quoted phrases', async () => {
      const { banner, invoice } = await seed();
      expect(await w.walk({ q: 'pay' })).toEqual([invoice, banner]);
      expect(await w.walk({ q: 'pay cook' })).toEqual([banner]);
      expect(await w.walk({ q: 'cook pay' })).toEqual([]);
      expect(await w.walk({ q: 'PAY BUTTON' })).toEqual([banner]);
      expect(await w.walk({ q: '"cookie banner"' })).toEqual([banner]);
      expect(await w.walk({ q: '"banner cookie"' })).toEqual([]);
      // A quoted word is whole, not a prefix.
      expect(await w.walk({ q: '"cook"' })).toEqual([]);
      expect(await w.walk({ q: '"cookie banner" small' })).toEqual([banner]);
    });

    it('searches the quote, the page title and the URL too', async () => {
      const { banner, invoice } = await seed();
      expect(await w.walk({ q: 'download invoices' })).toEqual([invoice]);
      expect(await w.walk({ q: 'acme' })).toEqual([invoice]);
      expect(await w.walk({ q: 'billing 8812' })).toEqual([invoice]);
      expect(await w.walk({ q: 'shop.example.com' })).toEqual([banner]);
      expect(await w.walk({ q: 'example' })).toHaveLength(3);
    });

    it('keeps letters with accents as they are and ignores case in them', async () => {
      const { café } = await seed();
      expect(await w.walk({ q: 'CAFÉ' })).toEqual([café]);
      expect(await w.walk({ q: 'état' })).toEqual([café]);
      expect(await w.walk({ q: 'menü' })).toEqual([café]);
    });

    it('combines with other filters and pages', async () => {
      const { banner, invoice } = await seed();
      expect(await w.walk({ q: 'pay', kind: 'clip' })).toEqual([invoice]);
      expect(await w.walk({ q: 'pay', limit: '1' })).toEqual([invoice, banner]);
      expect(await w.walk({ q: 'pay', sort: 'oldest', limit: '1' })).toEqual([banner, invoice]);
    });

    it('never fails on hostile input', async () => {
      const { banner } = await seed();
      const hostile = [
        '"',
        '""',
        'AND OR (',
        'NOT',
        'pay AND',
        '*',
        'pay*',
        '^pay',
        'NEAR(pay button)',
        "pay'; drop table captures; --",
        'col:pay',
        '{comment}: pay',
        '\\',
        '(((',
        '&|!<->:*',
        '🙂 pay',
        'a'.repeat(500),
        Array.from({ length: 40 }, (_, index) => `w${index}`).join(' '),
      ];
      for (const q of hostile) await expect(w.walk({ q }), q).resolves.toBeInstanceOf(Array);
      // Operators are words like any other; punctuation is ignored.
      expect(await w.walk({ q: 'pay*' })).toContain(banner);
      expect(await w.walk({ q: '"' })).toHaveLength(3);
      expect(await w.walk({ q: 'NEAR(pay button)' })).toEqual([]);
      expect(await w.walk({ q: '"pay button' })).toEqual([banner]);
    });
  });
}

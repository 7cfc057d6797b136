import { describe, expect, it } from 'vitest';
import { encodeTextDirectivePart, textFragmentUrl } from '@/lib/capture/text-fragment';

const url = 'https://crm.example.com/accounts/8812';

describe('encodeTextDirectivePart', () => {
  it('escapes what separates the directive’s parts: dash, comma, ampersand', () => {
    expect(encodeTextDirectivePart('e-mail, fax & phone')).toBe('e%2Dmail%2C%20fax%20%26%20phone');
    expect(encodeTextDirectivePart('café #1')).toBe('caf%C3%A9%20%231');
  });
});

describe('textFragmentUrl', () => {
  it('links a short unique quote as it is', () => {
    expect(textFragmentUrl({ url, quote: 'The export button stays disabled', unique: true })).toBe(
      `${url}#:~:text=The%20export%20button%20stays%20disabled`,
    );
  });

  it('adds the words around a quote that appears more than once', () => {
    const link = textFragmentUrl({
      url,
      quote: 'Export',
      prefix: 'Account 8812 — Globex. Click',
      suffix: ' to download the invoices as CSV',
      unique: false,
    });
    expect(link).toBe(`${url}#:~:text=%E2%80%94%20Globex.%20Click-,Export,-to%20download%20the`);
  });

  it('takes context only from the quote’s own block', () => {
    const link = textFragmentUrl({ url, quote: 'Export', prefix: 'Billing\n', suffix: '\nRenewal: March', unique: false });
    expect(link).toBe(`${url}#:~:text=Export`);
  });

  it('drops a word cut in half at the end of the context', () => {
    const prefix = 'x'.repeat(40) + ' partial words before the quote:';
    const link = textFragmentUrl({ url, quote: 'quoted', prefix: prefix.slice(-60), suffix: 'after', unique: false });
    expect(link).toContain('text=before%20the%20quote%3A-,quoted');
  });

  it('links a long or multi-line quote by its first and last words, with context', () => {
    const quote = 'The export button stays disabled after the invoice is paid.\nSupport says it is a known issue with old plans.';
    const link = textFragmentUrl({ url, quote, prefix: 'Globex: ', suffix: ' Thanks', unique: true });
    expect(link).toBe(
      `${url}#:~:text=Globex%3A-,The%20export%20button%20stays%20disabled,known%20issue%20with%20old%20plans.,-Thanks`,
    );
  });

  it('keeps the page’s own fragment and replaces an old text directive', () => {
    expect(textFragmentUrl({ url: `${url}#billing`, quote: 'Paid', unique: true })).toBe(`${url}#billing:~:text=Paid`);
    expect(textFragmentUrl({ url: `${url}#:~:text=old`, quote: 'new', unique: true })).toBe(`${url}#:~:text=new`);
  });

  it('links around words the scrubber replaced, and never with them', () => {
    const hidden = (word: string) => word.includes('[email]');
    const link = textFragmentUrl({
      url,
      quote: 'Write to [email] for a refund',
      prefix: 'Contact [email] now.',
      suffix: ' today',
      unique: true,
      hidden,
    });
    expect(link).toBe(`${url}#:~:text=Write%20to,for%20a%20refund,-today`);
    expect(link).not.toContain('email');
    expect(textFragmentUrl({ url, quote: '[email]', unique: true, hidden })).toBeUndefined();
  });

  it('gives nothing for an empty quote or an address that is not one', () => {
    expect(textFragmentUrl({ url, quote: '   ', unique: true })).toBeUndefined();
    expect(textFragmentUrl({ url: 'not a url', quote: 'x', unique: true })).toBeUndefined();
  });
});

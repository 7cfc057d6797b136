import { describe, expect, it } from 'vitest';
import { displayUrl, isSafeLink, safeHref } from '../../server/dashboard/src/ui/safe-url';

describe('dashboard safeHref', () => {
  it.each([
    ['https://example.com/checkout?step=2#pay', 'https://example.com/checkout?step=2#pay'],
    ['http://localhost:3000/', 'http://localhost:3000/'],
    ['HTTPS://Example.COM', 'https://example.com/'],
  ])('links %s', (raw, href) => {
    expect(safeHref(raw)).toBe(href);
    expect(isSafeLink(raw)).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(document.cookie)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'blob:https://example.com/0f6c',
    'chrome://settings',
    'about:blank',
    'mailto:someone@example.com',
    'ftp://example.com/file',
    '//example.com/protocol-relative',
    '/relative/path',
    'example.com',
    'not a url',
    '',
  ])('does not link %j', (raw) => {
    expect(safeHref(raw)).toBeNull();
    expect(isSafeLink(raw)).toBe(false);
  });

  it('returns the normalised URL, so the href is exactly what the browser will open', () => {
    expect(safeHref('https://example.com/a b')).toBe('https://example.com/a%20b');
    expect(safeHref('https://exa\tmple.com/')).toBe('https://example.com/');
  });
});

describe('dashboard displayUrl', () => {
  it('shows host and path of web URLs', () => {
    expect(displayUrl('https://shop.example.com/cart?id=1#x')).toBe('shop.example.com/cart');
    expect(displayUrl('http://localhost:8080/')).toBe('localhost:8080');
  });

  it('hides credentials', () => {
    expect(displayUrl('https://user:secret@example.com/a')).toBe('example.com/a');
  });

  it('shows anything else verbatim', () => {
    expect(displayUrl('javascript:alert(1)')).toBe('javascript:alert(1)');
    expect(displayUrl('not a url')).toBe('not a url');
  });
});

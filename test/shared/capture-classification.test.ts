import { describe, expect, it } from 'vitest';
import { customersQuery, workspaceTagsInput } from '#shared/api';
import { capture, captureInput } from '#shared/capture';

const valid = {
  id: '019a9b3c-5d1e-7f00-8a00-0123456789ab',
  kind: 'clip',
  page: { url: 'https://app.example.com/accounts/8812', title: 'Account 8812' },
  createdAt: '2026-11-22T13:00:00.000Z',
  quote: 'Export is disabled',
  environment: {
    browser: { name: 'Firefox', version: '153' },
    os: 'Linux',
    viewport: { width: 1280, height: 800 },
    devicePixelRatio: 1,
    language: 'en-US',
  },
};

describe('the capture wire format, with classification and context', () => {
  it('takes every new field as optional, trimming names', () => {
    const parsed = captureInput.parse({
      ...valid,
      category: 'question',
      severity: 'low',
      customer: '  Initech ',
      flow: { name: ' Checkout ' },
      quoteContext: { prefix: 'a', suffix: 'b' },
      textFragmentUrl: 'https://app.example.com/accounts/8812#:~:text=Export',
      environment: { ...valid.environment, zoom: 0.9 },
    });
    expect(parsed).toMatchObject({ customer: 'Initech', flow: { name: 'Checkout' }, environment: { zoom: 0.9 } });
    expect(captureInput.parse(valid)).not.toHaveProperty('category');
  });

  it('refuses unknown fields inside the new objects too (strict)', () => {
    expect(captureInput.safeParse({ ...valid, flow: { name: 'A', stage: 'B' } }).success).toBe(false);
    expect(captureInput.safeParse({ ...valid, quoteContext: { prefix: '', suffix: '', extra: '' } }).success).toBe(false);
  });

  it('keeps clip context to captures with a quote', () => {
    const { quote, ...noQuote } = valid;
    const result = captureInput.safeParse({ ...noQuote, kind: 'screenshot', quoteContext: { prefix: '', suffix: '' } });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain('quoteContext');
  });

  it('reads a stored capture from before these fields', () => {
    expect(
      capture.safeParse({ ...valid, comment: '', tags: [], annotations: [], reporter: { id: 'u', name: 'U' }, receivedAt: valid.createdAt, screenshot: null })
        .success,
    ).toBe(true);
  });
});

describe('tag list and customer queries', () => {
  it('normalises an admin’s tag list like capture tags, keeping the order', () => {
    expect(workspaceTagsInput.parse({ tags: ['Slow', 'slow ', 'Unclear copy'] })).toEqual({ tags: ['slow', 'unclear copy'] });
  });

  it('defaults the customer query and coerces the limit', () => {
    expect(customersQuery.parse({})).toEqual({ q: '', limit: 10 });
    expect(customersQuery.parse({ q: ' glob ', limit: '5' })).toEqual({ q: 'glob', limit: 5 });
  });
});

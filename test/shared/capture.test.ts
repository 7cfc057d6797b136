import { describe, expect, it } from 'vitest';
import { captureInput } from '#shared/capture';
import { validationError } from '#shared/api';

const valid = {
  id: '019a9b3c-5d1e-7f00-8a00-0123456789ab',
  kind: 'screenshot',
  page: { url: 'https://app.example.com/accounts/8812', title: 'Account 8812' },
  comment: 'Export stays disabled',
  tags: ['Billing', ' billing ', 'blocked'],
  createdAt: '2026-11-22T13:00:00.000Z',
  annotations: [{ type: 'rect', x: 0.1, y: 0.2, width: 0.3, height: 0.1, color: '#ff3b30' }],
  environment: {
    browser: { name: 'Chrome', version: '156' },
    os: 'Linux',
    viewport: { width: 1280, height: 800 },
    devicePixelRatio: 1,
    language: 'en-US',
  },
};

describe('captureInput', () => {
  it('accepts a complete screenshot capture and normalises its tags', () => {
    const parsed = captureInput.parse(valid);
    expect(parsed.tags).toEqual(['billing', 'blocked']);
    expect(parsed.annotations).toHaveLength(1);
  });

  it('fills defaults for optional collections', () => {
    const { comment, tags, annotations, ...minimal } = valid;
    const parsed = captureInput.parse(minimal);
    expect(parsed).toMatchObject({ comment: '', tags: [], annotations: [] });
  });

  it.each([
    ['id', { id: '550e8400-e29b-41d4-a716-446655440000' }],
    ['kind', { kind: 'video' }],
    ['page.url', { page: { url: 'not a url', title: 'x' } }],
    ['createdAt', { createdAt: 'yesterday' }],
    ['annotations.0.x', { annotations: [{ type: 'rect', x: 2, y: 0, width: 0.1, height: 0.1, color: '#000000' }] }],
    ['annotations.0.color', { annotations: [{ type: 'rect', x: 0, y: 0, width: 0.1, height: 0.1, color: 'red' }] }],
    ['tags.0', { tags: [''] }],
  ])('names %s when it is wrong', (path, override) => {
    const result = captureInput.safeParse({ ...valid, ...override });
    expect(result.success).toBe(false);
    if (!result.success) expect(validationError(result.error).error.issues?.map((issue) => issue.path)).toContain(path);
  });

  it('refuses unknown fields, including a client-set reporter', () => {
    const result = captureInput.safeParse({ ...valid, reporter: { id: 'u1', name: 'Mallory' } });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(validationError(result.error).error.message).toBe('(body): unknown field(s): reporter');
    }
  });

  it('requires the quote on a clip', () => {
    const result = captureInput.safeParse({ ...valid, kind: 'clip', annotations: [] });
    expect(result.success).toBe(false);
    if (!result.success) expect(validationError(result.error).error.issues?.[0]?.path).toBe('quote');
    expect(captureInput.safeParse({ ...valid, kind: 'clip', quote: 'stays disabled' }).success).toBe(true);
  });
});

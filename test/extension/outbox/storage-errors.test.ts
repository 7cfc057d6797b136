import { describe, expect, it } from 'vitest';
import { isStorageFull, saveProblemFrom, STORAGE_FULL } from '@/lib/outbox/storage-errors';

describe('saveProblemFrom', () => {
  it('maps QuotaExceededError, and the AbortError Chrome reports near its quota, to "storage full"', () => {
    for (const name of ['QuotaExceededError', 'AbortError']) {
      expect(isStorageFull(new DOMException('no room', name))).toBe(true);
      expect(saveProblemFrom(new DOMException('no room', name))).toEqual({ ok: false, kind: 'storage-full', reason: STORAGE_FULL });
    }
    // From another realm, or a plain object carrying the name: recognised by its name alone.
    expect(isStorageFull({ name: 'QuotaExceededError', message: '' })).toBe(true);
  });

  it('says what else went wrong, and that the capture is still there', () => {
    expect(saveProblemFrom(new DOMException('Key already exists', 'ConstraintError'))).toEqual({
      ok: false,
      kind: 'storage-failed',
      reason: 'Not saved: the browser could not store this capture (Key already exists). Your capture is still here: press Save to try again.',
    });
    expect(isStorageFull(new Error('boom'))).toBe(false);
    expect(isStorageFull(undefined)).toBe(false);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { ensurePersistentStorage } from '@/lib/outbox/persistent-storage';

describe('ensurePersistentStorage', () => {
  it('asks only when storage is not persistent yet', async () => {
    const persist = vi.fn(async () => true);
    await expect(ensurePersistentStorage({ persisted: async () => true, persist })).resolves.toBe('already');
    expect(persist).not.toHaveBeenCalled();
    await expect(ensurePersistentStorage({ persisted: async () => false, persist })).resolves.toBe('granted');
    expect(persist).toHaveBeenCalledOnce();
  });

  it('reports a refusal', async () => {
    await expect(ensurePersistentStorage({ persisted: async () => false, persist: async () => false })).resolves.toBe('refused');
  });

  it('does nothing where persist() does not exist (a service worker)', async () => {
    await expect(ensurePersistentStorage({ persisted: async () => false })).resolves.toBe('unavailable');
    await expect(ensurePersistentStorage(undefined)).resolves.toBe('unavailable');
  });
});

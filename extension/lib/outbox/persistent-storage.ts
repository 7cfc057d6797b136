/** The part of `navigator.storage` this needs; `persist` exists only in pages, not in workers. */
export interface StorageManagerLike {
  persisted?: () => Promise<boolean>;
  persist?: () => Promise<boolean>;
}

export type PersistOutcome = 'already' | 'granted' | 'refused' | 'unavailable';

/**
 * Ask the browser not to evict Snag's IndexedDB (the outbox) under storage pressure, unless it
 * already promised. Firefox grants it without asking to extensions with `unlimitedStorage`; Chrome
 * decides by itself and never prompts, and exposes `persist()` only to pages, not to the service
 * worker, so the popup asks there. Asking again after a refusal is harmless: nobody is prompted.
 */
export async function ensurePersistentStorage(storage: StorageManagerLike | undefined): Promise<PersistOutcome> {
  if (!storage?.persist) return 'unavailable';
  if (await storage.persisted?.()) return 'already';
  return (await storage.persist()) ? 'granted' : 'refused';
}

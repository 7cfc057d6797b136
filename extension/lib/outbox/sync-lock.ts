/** Runs `task` when no other sync is running, in any of the extension's pages or its background. */
export type SyncLock = <T>(task: () => Promise<T>) => Promise<T>;

export const SYNC_LOCK_NAME = 'snag-sync';

/** The part of `navigator.locks` a sync needs. */
export interface LockRequester {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/**
 * A Web Lock is shared by every context of the extension's origin, and released by the browser if
 * its holder dies (a service worker stopped mid-upload), so it can never be left stuck.
 */
export function webLock(locks: LockRequester, name = SYNC_LOCK_NAME): SyncLock {
  return (task) => locks.request(name, task);
}

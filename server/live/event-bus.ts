import type { LiveEvent } from '#shared/live';

export type LiveListener = (event: LiveEvent) => void;

/** Someone's access just changed: streams riding it end, and reconnect only if still allowed. */
export type AccessChange =
  /** Role changed, or deactivated: every stream of theirs. */
  | { kind: 'user'; userId: string }
  /** Signed out everywhere: their session streams (tokens still work). */
  | { kind: 'sessions'; userId: string }
  | { kind: 'session'; sessionId: string }
  | { kind: 'token'; tokenId: string };

export type AccessListener = (change: AccessChange) => void;

/** In-process fan-out of capture changes to open SSE streams. One server process, one bus. */
export class EventBus {
  private readonly listeners = new Set<LiveListener>();
  private readonly accessListeners = new Set<AccessListener>();

  publish(event: LiveEvent): void {
    notify(this.listeners, event);
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Call after the change is stored, before answering: no event reaches a stream that lost access. */
  accessChanged(change: AccessChange): void {
    notify(this.accessListeners, change);
  }

  onAccessChange(listener: AccessListener): () => void {
    this.accessListeners.add(listener);
    return () => this.accessListeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }
}

function notify<T>(listeners: ReadonlySet<(value: T) => void>, value: T): void {
  for (const listener of listeners) {
    try {
      listener(value);
    } catch (error) {
      // One broken stream must not stop the others from hearing.
      console.error('live event listener failed:', error);
    }
  }
}

import type { LiveEvent } from '#shared/live';

export type LiveListener = (event: LiveEvent) => void;

/** In-process fan-out of capture changes to open SSE streams. One server process, one bus. */
export class EventBus {
  private readonly listeners = new Set<LiveListener>();

  publish(event: LiveEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        // One broken stream must not stop the others from hearing.
        console.error('live event listener failed:', error);
      }
    }
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }
}

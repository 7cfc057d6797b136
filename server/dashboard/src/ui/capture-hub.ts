import type { LiveEvent } from '#shared/live';
import type { ReviewedCapture } from '#shared/review';

/**
 * One place where capture changes meet: changes made in this tab (a triage answered by the
 * server) and changes announced by the server's live stream (a teammate's triage, a new capture).
 * The feed (kept mounted while a capture is open) and the detail view both listen, so neither
 * shows stale triage after the other changed it.
 */
export type CaptureSignal =
  | { source: 'remote'; event: LiveEvent }
  /** The stream came back after a gap: anything may have changed meanwhile. */
  | { source: 'resync' }
  | { source: 'local'; type: 'updated'; capture: ReviewedCapture }
  | { source: 'local'; type: 'removed'; id: string };

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'off';

type Listener<T> = (value: T) => void;

export class CaptureHub {
  private readonly listeners = new Set<Listener<CaptureSignal>>();
  private readonly statusListeners = new Set<() => void>();
  private currentStatus: LiveStatus = 'off';

  subscribe(listener: Listener<CaptureSignal>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(signal: CaptureSignal): void {
    for (const listener of [...this.listeners]) listener(signal);
  }

  get status(): LiveStatus {
    return this.currentStatus;
  }

  setStatus(status: LiveStatus): void {
    if (status === this.currentStatus) return;
    this.currentStatus = status;
    for (const listener of [...this.statusListeners]) listener();
  }

  /** For useSyncExternalStore. */
  subscribeStatus = (listener: () => void): (() => void) => {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  };
}

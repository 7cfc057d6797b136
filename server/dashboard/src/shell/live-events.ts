import { API_PREFIX } from '#shared/api';
import { liveEvent } from '#shared/live';
import type { CaptureHub } from '../ui/capture-hub';

/** The parts of EventSource we use, so tests can hand in a fake. */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: 'capture', listener: (event: MessageEvent) => void): void;
  close(): void;
}

export interface LiveOptions {
  createEventSource?: (url: string) => EventSourceLike;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

const CLOSED = 2;
const FIRST_RETRY_MS = 3_000;
const MAX_RETRY_MS = 60_000;

/**
 * Listens to GET /api/v1/events (Server-Sent Events; the session cookie rides along, same origin)
 * and hands each capture event to the hub. EventSource reconnects by itself after a dropped
 * connection; when the server refuses the stream outright (a restart, a 5xx) it gives up, so we
 * open a new one with backoff. After any gap the hub hears `resync`: events may have been missed.
 * Returns the function that stops listening.
 */
export function connectLiveEvents(hub: CaptureHub, options: LiveOptions = {}): () => void {
  const create = options.createEventSource ?? ((url: string) => new EventSource(url));
  const setTimer = options.setTimer ?? ((callback: () => void, ms: number) => window.setTimeout(callback, ms));
  const clearTimer = options.clearTimer ?? ((timer: unknown) => window.clearTimeout(Number(timer)));

  let source: EventSourceLike | null = null;
  let retryTimer: unknown = null;
  let retryMs = FIRST_RETRY_MS;
  let hadConnection = false;
  let missedSome = false;
  let stopped = false;

  function open() {
    retryTimer = null;
    if (stopped) return;
    hub.setStatus(hadConnection ? 'reconnecting' : 'connecting');
    const current = create(`${API_PREFIX}/events`);
    source = current;
    current.onopen = () => {
      retryMs = FIRST_RETRY_MS;
      hub.setStatus('live');
      if (missedSome) hub.publish({ source: 'resync' });
      hadConnection = true;
      missedSome = false;
    };
    current.onerror = () => {
      if (stopped) return;
      missedSome = hadConnection;
      hub.setStatus(hadConnection ? 'reconnecting' : 'connecting');
      if (current.readyState === CLOSED) {
        current.close();
        retryTimer = setTimer(open, retryMs);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      }
    };
    current.addEventListener('capture', (message) => {
      const data: unknown = typeof message.data === 'string' ? safeJson(message.data) : undefined;
      const parsed = liveEvent.safeParse(data);
      if (parsed.success) hub.publish({ source: 'remote', event: parsed.data });
    });
  }

  open();
  return () => {
    stopped = true;
    if (retryTimer !== null) clearTimer(retryTimer);
    source?.close();
    hub.setStatus('off');
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

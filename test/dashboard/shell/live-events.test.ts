import { describe, expect, it } from 'vitest';
import { CaptureHub, type CaptureSignal } from '../../../server/dashboard/src/ui/capture-hub';
import { connectLiveEvents, type EventSourceLike } from '../../../server/dashboard/src/shell/live-events';

class FakeEventSource implements EventSourceLike {
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  private listeners: Array<(event: MessageEvent) => void> = [];
  constructor(readonly url: string) {}
  addEventListener(_type: 'capture', listener: (event: MessageEvent) => void): void {
    this.listeners.push(listener);
  }
  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  send(data: string): void {
    for (const listener of this.listeners) listener(new MessageEvent('capture', { data }));
  }
  /** The connection dropped; `gaveUp` as when the server refused it (EventSource will not retry). */
  fail(gaveUp: boolean): void {
    this.readyState = gaveUp ? 2 : 0;
    this.onerror?.(new Event('error'));
  }
}

function setup() {
  const hub = new CaptureHub();
  const heard: CaptureSignal[] = [];
  hub.subscribe((signal) => heard.push(signal));
  const sources: FakeEventSource[] = [];
  const timers: Array<{ run: () => void; ms: number }> = [];
  const stop = connectLiveEvents(hub, {
    createEventSource: (url) => {
      const source = new FakeEventSource(url);
      sources.push(source);
      return source;
    },
    setTimer: (run, ms) => timers.push({ run, ms }),
    clearTimer: () => undefined,
  });
  return { hub, heard, sources, timers, stop };
}

const event = { type: 'capture.created', captureId: 'c1', reporterId: 'u2', actorId: 'u2', at: '2026-11-22T10:00:00.000Z' };

describe('live events', () => {
  it('passes capture events from the stream to the hub, ignoring anything malformed', () => {
    const { hub, heard, sources } = setup();
    expect(sources[0]?.url).toBe('/api/v1/events');
    expect(hub.status).toBe('connecting');
    sources[0]?.open();
    expect(hub.status).toBe('live');
    sources[0]?.send(JSON.stringify(event));
    sources[0]?.send('not json');
    sources[0]?.send(JSON.stringify({ ...event, type: 'capture.exploded' }));
    expect(heard).toEqual([{ source: 'remote', event }]);
  });

  it('lets EventSource reconnect by itself, and asks for a resync after the gap', () => {
    const { hub, heard, sources, timers } = setup();
    sources[0]?.open();
    sources[0]?.fail(false);
    expect(hub.status).toBe('reconnecting');
    expect(timers).toHaveLength(0);
    sources[0]?.open();
    expect(hub.status).toBe('live');
    expect(heard).toEqual([{ source: 'resync' }]);
  });

  it('opens a new stream with growing pauses when the server refused it', () => {
    const { heard, sources, timers } = setup();
    sources[0]?.fail(true);
    expect(sources[0]?.closed).toBe(true);
    expect(timers.map((timer) => timer.ms)).toEqual([3000]);
    timers[0]?.run();
    sources[1]?.fail(true);
    expect(timers.map((timer) => timer.ms)).toEqual([3000, 6000]);
    timers[1]?.run();
    sources[2]?.open();
    // Never connected before: nothing was missed.
    expect(heard).toEqual([]);
    sources[2]?.fail(true);
    timers[2]?.run();
    expect(timers[2]?.ms).toBe(3000);
    sources[3]?.open();
    expect(heard).toEqual([{ source: 'resync' }]);
  });

  it('stops listening', () => {
    const { hub, sources, stop } = setup();
    sources[0]?.open();
    stop();
    expect(sources[0]?.closed).toBe(true);
    expect(hub.status).toBe('off');
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { BUFFER_MAX, DIAGNOSTICS_WINDOW_MS, installDiagnosticsCollector, READER_KEY } from '@/lib/page/diagnostics-collector';
import { diagnosticsFromPage, readCollectorAnswer } from '@/lib/page/diagnostics-reader';
import { readPageInfo } from '@/lib/page/page-info';

/** A page's globals, with a fetch and an XMLHttpRequest whose answers the test decides. */
function fakePage(answer: (url: string) => Response | Error) {
  const events = new EventTarget();
  const logged: unknown[][] = [];
  class FakeXhr extends EventTarget {
    status = 0;
    url = '';
    open(_method: string, url: string | URL) {
      this.url = String(url);
    }
    send() {
      const result = answer(this.url);
      this.status = result instanceof Response ? result.status : 0;
      queueMicrotask(() => this.dispatchEvent(new Event('loadend')));
    }
  }
  const page = {
    addEventListener: events.addEventListener.bind(events),
    removeEventListener: events.removeEventListener.bind(events),
    dispatchEvent: events.dispatchEvent.bind(events),
    console: { error: (...args: unknown[]) => void logged.push(args) },
    fetch: async (input: RequestInfo | URL) => {
      const result = answer(String(input));
      if (result instanceof Error) throw result;
      return result;
    },
    // The collector wraps the prototype's open and send, as it does XMLHttpRequest's in a page.
    XMLHttpRequest: FakeXhr,
    location: { href: 'https://app.example.com/dashboard' },
    JSON,
  };
  return { page, logged, FakeXhr };
}

/** Call the collector's reader the way a capture does, and read its answer. */
function ask(page: object): unknown {
  const read: unknown = Reflect.get(page, READER_KEY);
  if (typeof read !== 'function') return undefined;
  const answer: unknown = read();
  return typeof answer === 'string' ? JSON.parse(answer) : answer;
}

describe('the diagnostics collector (in the page)', () => {
  it('keeps console errors, still logging them, and failed fetches and XHRs, as relative URLs made absolute', async () => {
    let now = Date.parse('2026-11-22T13:00:00Z');
    const { page, logged, FakeXhr } = fakePage((url) =>
      url.includes('broken') ? new Response('no', { status: 500 }) : url.includes('down') ? new TypeError('Failed to fetch') : new Response('ok'),
    );
    // The fake's own `XMLHttpRequest` type is what the collector wraps.
    const uninstall = installDiagnosticsCollector(page, () => now, true);

    page.console.error('Checkout failed:', new TypeError('x is undefined'), { code: 7 });
    await page.fetch('/api/ok');
    await page.fetch('/api/broken');
    await expect(page.fetch('https://cdn.example.com/down.js')).rejects.toThrow('Failed to fetch');
    const xhr = new FakeXhr();
    xhr.open('post', '/api/broken-xhr');
    xhr.send();
    await new Promise((resolve) => setTimeout(resolve, 0));

    expect(logged).toHaveLength(1);
    expect(ask(page)).toEqual({
      consoleErrors: [{ at: '2026-11-22T13:00:00.000Z', message: 'Checkout failed: TypeError: x is undefined {"code":7}' }],
      failedRequests: [
        { at: '2026-11-22T13:00:00.000Z', method: 'GET', url: 'https://app.example.com/api/broken', status: 500 },
        { at: '2026-11-22T13:00:00.000Z', method: 'GET', url: 'https://cdn.example.com/down.js', status: 0, error: 'TypeError: Failed to fetch' },
        { at: '2026-11-22T13:00:00.000Z', method: 'POST', url: 'https://app.example.com/api/broken-xhr', status: 500 },
      ],
    });

    // Only the last minutes are answered, and only so many entries are kept.
    now += DIAGNOSTICS_WINDOW_MS + 1;
    expect(ask(page)).toEqual({ consoleErrors: [], failedRequests: [] });
    for (let index = 0; index < BUFFER_MAX + 10; index += 1) page.console.error(`error ${index}`);
    const answered = ask(page);
    expect(answered).toMatchObject({ consoleErrors: expect.any(Array) });
    const errors = diagnosticsFromPage(JSON.stringify(answered), now)?.consoleErrors ?? [];
    expect(errors).toHaveLength(BUFFER_MAX);
    expect(errors.at(-1)?.message).toBe(`error ${BUFFER_MAX + 9}`);

    uninstall();
    page.console.error('after');
    expect(ask(page)).toBeUndefined();
  });

  it('is self-contained (Firefox puts its source into the page) and keeps the exported limits', async () => {
    const source = installDiagnosticsCollector.toString();
    expect(source).not.toMatch(/\b(import|require)\b|__vite|_[a-z]+\$/);
    expect(source).toMatch(new RegExp(`["']${READER_KEY}["']`));
    const standalone: unknown = new Function(`return (${source})`)();
    if (typeof standalone !== 'function') throw new Error('the source is not a function');
    const { page } = fakePage(() => new Response('', { status: 503 }));
    let now = 0;
    const uninstall: unknown = Reflect.apply(standalone, undefined, [page, () => now, true]);
    for (let index = 0; index < BUFFER_MAX + 1; index += 1) await page.fetch(`/${index}`);
    const answer = ask(page);
    expect(answer).toMatchObject({ failedRequests: expect.any(Array) });
    expect(diagnosticsFromPage(JSON.stringify(answer), now)?.failedRequests).toHaveLength(BUFFER_MAX);
    now += DIAGNOSTICS_WINDOW_MS + 1;
    expect(ask(page)).toEqual({ consoleErrors: [], failedRequests: [] });
    if (typeof uninstall === 'function') uninstall();
  });

  it('installs once however often the script runs', () => {
    const { page } = fakePage(() => new Response('ok'));
    const uninstall = installDiagnosticsCollector(page, Date.now, true);
    const wrapped = page.console.error;
    installDiagnosticsCollector(page);
    expect(page.console.error).toBe(wrapped);
    uninstall();
  });
});

describe('diagnosticsFromPage (in the background)', () => {
  const now = Date.parse('2026-11-22T13:00:00Z');

  it('keeps the entries that validate and are recent, and drops the rest', () => {
    const json = JSON.stringify({
      consoleErrors: [
        { at: '2026-11-22T12:59:00.000Z', message: 'kept' },
        { at: '2026-11-22T12:00:00.000Z', message: 'too old' },
        { at: 'yesterday', message: 'malformed' },
        { at: '2026-11-22T12:59:00.000Z', message: 'x'.repeat(5000) },
      ],
      failedRequests: [{ at: '2026-11-22T12:59:00.000Z', method: 'GET', url: '/x', status: 404, extra: true }],
    });
    expect(diagnosticsFromPage(json, now)).toEqual({ consoleErrors: [{ at: '2026-11-22T12:59:00.000Z', message: 'kept' }], failedRequests: [] });
  });

  it('answers nothing without a collector or for an answer that is not one', () => {
    expect(diagnosticsFromPage(undefined, now)).toBeUndefined();
    expect(diagnosticsFromPage('not json', now)).toBeUndefined();
    expect(diagnosticsFromPage('{"consoleErrors": 3}', now)).toBeUndefined();
  });
});

describe('the bridge between the page and a capture', () => {
  afterEach(() => vi.restoreAllMocks());

  it('sends the page no event, and its reader cannot be replaced by the page', () => {
    const { page } = fakePage(() => new Response('ok'));
    const dispatched = vi.spyOn(page, 'dispatchEvent');
    installDiagnosticsCollector(page);
    page.console.error('Payment widget crashed');
    // A page that knows the old protocol answers the event itself: nobody asks it any more.
    page.addEventListener('snag:diagnostics-request', () => {
      throw new Error('the page learnt that it is captured');
    });
    const forged = () => JSON.stringify({ consoleErrors: [{ at: new Date().toISOString(), message: 'forged' }], failedRequests: [] });
    expect(() => Object.defineProperty(page, READER_KEY, { value: forged })).toThrow(TypeError);
    expect(Reflect.set(page, READER_KEY, forged)).toBe(false);
    expect(ask(page)).toMatchObject({ consoleErrors: [{ message: 'Payment widget crashed' }] });
    expect(dispatched).not.toHaveBeenCalled();
  });

  it('calls no toJSON, array or date method a page may have replaced since it loaded', () => {
    const { page } = fakePage(() => new Response('ok'));
    installDiagnosticsCollector(page);
    page.console.error('before');
    const read: unknown = Reflect.get(page, READER_KEY);
    if (typeof read !== 'function') throw new Error('no reader');
    const toJson = vi.fn(() => 'forged');
    const filter = vi.spyOn(Array.prototype, 'filter');
    const map = vi.spyOn(Array.prototype, 'map');
    const toIso = vi.spyOn(Date.prototype, 'toISOString');
    Object.defineProperty(Object.prototype, 'toJSON', { value: toJson, configurable: true });
    let answer: unknown;
    try {
      answer = read();
    } finally {
      Reflect.deleteProperty(Object.prototype, 'toJSON');
    }
    const calls = [toJson.mock.calls.length, filter.mock.calls.length, map.mock.calls.length, toIso.mock.calls.length];
    vi.restoreAllMocks();
    expect(calls).toEqual([0, 0, 0, 0]);
    expect(typeof answer === 'string' ? JSON.parse(answer) : answer).toMatchObject({ consoleErrors: [{ message: 'before' }] });
  });

  it('readCollectorAnswer calls the reader in the page, and answers null without one', () => {
    expect(readCollectorAnswer()).toBeNull();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const uninstall = installDiagnosticsCollector(window, Date.now, true);
    try {
      console.error('Payment widget crashed');
      const diagnostics = diagnosticsFromPage(readCollectorAnswer(), Date.now());
      expect(diagnostics?.consoleErrors.map((entry) => entry.message)).toEqual(['Payment widget crashed']);
    } finally {
      uninstall();
    }
    expect(readCollectorAnswer()).toBeNull();
  });

  it('readPageInfo says whether Snag marked the page as having the collector from its start', () => {
    expect(readPageInfo().collectorFromStart).toBeUndefined();
    Object.defineProperty(globalThis, '__snagDiagnosticsFromStart', { value: true, configurable: true });
    try {
      expect(readPageInfo().collectorFromStart).toBe(true);
    } finally {
      Reflect.deleteProperty(globalThis, '__snagDiagnosticsFromStart');
    }
  });
});

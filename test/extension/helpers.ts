import { uuidv7 } from 'uuidv7';
import { captureInput, type ParsedCaptureInput } from '#shared/capture';
import type { Environment } from '#shared/environment';
import type { FetchLike } from '@/lib/api/client';
import { openSnagDb, type SnagDb } from '@/lib/outbox/database';
import type { CaptureDeps } from '@/lib/capture/context';
import type { Draft, StoredImage } from '@/lib/capture/draft';
import type { TabAccess } from '@/lib/capture/tab-access';
import type { PageInfo } from '@/lib/page/page-info';
import type { RuntimeMessageEvent, MessageSender } from '@/lib/messages';
import type { Settings } from '@/lib/settings/items';
import type { SettingsStore } from '@/lib/settings/connection';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { webLock, type SyncLock } from '@/lib/outbox/sync-lock';

/** A fresh database per test: fake-indexeddb keeps every database for the whole file. */
export function freshDb(): Promise<SnagDb> {
  return openSnagDb(`snag-test-${crypto.randomUUID()}`);
}

export const environment: Environment = {
  browser: { name: 'Chrome', version: '131.0.6778.86' },
  os: 'Linux',
  viewport: { width: 1280, height: 800 },
  devicePixelRatio: 1,
  language: 'en-US',
  timeZone: 'Europe/Berlin',
  extensionVersion: '0.1.0',
};

export function pngImage(size = 64): StoredImage {
  const bytes = new Uint8Array(size);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].slice(0, size));
  return { bytes: bytes.buffer, contentType: 'image/png' };
}

export function screenshotDraft(overrides: Partial<Draft> = {}): Draft {
  return {
    id: uuidv7(),
    kind: 'screenshot',
    page: { url: 'https://app.example.com/accounts/8812', title: 'Account 8812' },
    environment,
    createdAt: '2026-11-22T13:00:00.000Z',
    image: pngImage(),
    ...overrides,
  };
}

export function clipDraft(overrides: Partial<Draft> = {}): Draft {
  return screenshotDraft({ kind: 'clip', quote: 'Export is disabled for this account', image: undefined, ...overrides });
}

export function sampleInput(overrides: Partial<ParsedCaptureInput> = {}): ParsedCaptureInput {
  return captureInput.parse({
    id: uuidv7(),
    kind: 'screenshot',
    page: { url: 'https://app.example.com/accounts/8812', title: 'Account 8812' },
    comment: 'Export stays disabled',
    tags: ['billing'],
    createdAt: '2026-11-22T13:00:00.000Z',
    environment,
    ...overrides,
  });
}

export const configured: Settings = { serverUrl: 'https://snag.example.com', token: 'snag_token' };

export function memoryStore(initial: unknown = null): SettingsStore & { value: unknown } {
  const store = {
    value: initial,
    getValue: async () => store.value,
    setValue: async (value: Settings) => {
      store.value = value;
    },
  };
  return store;
}

/** `navigator.locks` for one process: callbacks for the same name run one after another. */
export function memoryLock(): SyncLock {
  const tails = new Map<string, Promise<unknown>>();
  return webLock({
    request<T>(name: string, callback: () => Promise<T>): Promise<T> {
      const run = (tails.get(name) ?? Promise.resolve()).then(callback);
      tails.set(name, run.catch(() => undefined));
      return run;
    },
  });
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Headers;
  body: RequestInit['body'];
}

type Reply = Response | 'network-error';

/**
 * A fetch whose answers the test decides, recording every request. `respond` gets the request and
 * how many times the same method+path was asked before.
 */
export function fakeFetch(respond: (request: RecordedRequest, seen: number) => Reply | Promise<Reply>) {
  const requests: RecordedRequest[] = [];
  const fetch: FetchLike = async (url, init) => {
    const request: RecordedRequest = {
      method: init.method ?? 'GET',
      path: new URL(url).pathname,
      headers: new Headers(init.headers),
      body: init.body,
    };
    const seen = requests.filter((earlier) => earlier.method === request.method && earlier.path === request.path).length;
    requests.push(request);
    const reply = await respond(request, seen);
    if (reply === 'network-error') throw new TypeError('Failed to fetch');
    return reply;
  };
  return { fetch, requests };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

export function apiErrorBody(code: string, message: string) {
  return { error: { code, message } };
}

/**
 * The fake browser's `runtime.onMessage`, whose messages name no sender, as the background hears
 * them from the options page (the background answers only the extension's own pages).
 */
export function fromOptionsPage(event: typeof fakeBrowser.runtime.onMessage): RuntimeMessageEvent {
  const page: MessageSender = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') };
  return { addListener: (listener) => event.addListener((message: unknown) => listener(message, page)) };
}

/** A capture flow's dependencies around one page: a tab showing it, a tiny PNG, a fixed clock and id. */
export function pageCaptureDeps(db: SnagDb, page: PageInfo, tabs: Partial<TabAccess> = {}, overrides: Partial<CaptureDeps> = {}): CaptureDeps {
  return {
    db,
    tabs: {
      activeTab: async () => ({ id: 1, windowId: 1, url: page.url }),
      captureVisible: async () => `data:image/png;base64,${btoa('\x89PNG\r\n\x1a\n')}`,
      readPage: async () => page,
      readVisibleData: async () => [],
      openEditor: async () => undefined,
      ...tabs,
    },
    systemInfo: async () => ({ browser: { name: 'Chrome', version: '131' }, os: 'Linux', extensionVersion: '0.1.0' }),
    now: () => 0,
    newId: () => 'draft-1',
    extensionOrigin: 'chrome-extension://abc',
    ...overrides,
  };
}

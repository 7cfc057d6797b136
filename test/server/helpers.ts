import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { API_PREFIX } from '#shared/api';
import type { CaptureInput } from '#shared/capture';
import { type AppType, createApp } from '../../server/app';
import { bootstrapAdmin } from '../../server/bootstrap';
import { ScreenshotStore } from '../../server/screenshots';
import { openSqliteStore } from '../../server/store/sqlite';
import type { Store, User } from '../../server/store/store';
import { generateToken, hashToken } from '../../server/tokens';

export { API_PREFIX };

export interface TestApp {
  app: AppType;
  /** The bootstrap admin's token. */
  token: string;
  store: Store;
  screenshots: ScreenshotStore;
  dataDir: string;
  /** Closes the database and deletes the data directory. */
  close(): Promise<void>;
}

/** A real app on a real SQLite database in a fresh temp directory, with an admin token ready. */
export async function makeTestApp(options: { dashboardDir?: string; version?: string } = {}): Promise<TestApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'snag-test-'));
  const store = await openSqliteStore(join(dataDir, 'snag.db'));
  const screenshots = await ScreenshotStore.open(dataDir);
  const bootstrap = await bootstrapAdmin(store, undefined);
  if (!bootstrap.created) throw new Error('a fresh test database already had users');
  const app = createApp({ store, screenshots, dashboardDir: options.dashboardDir, version: options.version ?? 'test' });
  return {
    app,
    token: bootstrap.adminToken,
    store,
    screenshots,
    dataDir,
    close: async () => {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Another user with their own token, e.g. to check one person cannot touch another's capture. */
export async function addUser(store: Store, name = 'Member'): Promise<{ user: User; token: string }> {
  const token = generateToken();
  const user = await store.createUserWithToken({ name, role: 'member', tokenHash: hashToken(token), tokenName: 'test' });
  return { user, token };
}

export function newCaptureId(): string {
  return uuidv7();
}

/** A valid capture body, fresh id each call; override any top-level field. */
export function sampleCaptureInput(overrides: Partial<CaptureInput> = {}): CaptureInput {
  return {
    id: uuidv7(),
    kind: 'screenshot',
    page: { url: 'https://shop.example.com/checkout?step=2', title: 'Checkout – Example Shop' },
    comment: 'The pay button is hidden behind the cookie banner on small screens.',
    tags: ['checkout', 'mobile'],
    createdAt: new Date().toISOString(),
    annotations: [{ type: 'rect', x: 0.1, y: 0.2, width: 0.3, height: 0.15, color: '#ff3b30' }],
    environment: {
      browser: { name: 'Chrome', version: '131.0.6778.86' },
      os: 'macOS 15.1',
      viewport: { width: 1440, height: 900 },
      devicePixelRatio: 2,
      language: 'en-GB',
      timeZone: 'Europe/London',
      extensionVersion: '0.1.0',
    },
    ...overrides,
  };
}

/** Every optional field a capture may carry since classification, pins, clips and diagnostics. */
export function detailedCaptureFields(): Partial<CaptureInput> {
  return {
    category: 'bug',
    severity: 'high',
    customer: 'Globex Corporation',
    flow: { name: 'Onboarding', step: 'Invite teammates' },
    element: {
      selector: '[data-testid="export"]',
      xpath: '/html/body/main/section[1]/button',
      framePath: ['iframe#app'],
      tagName: 'button',
      text: 'Export',
      role: 'button',
      name: 'Export invoices',
      viewportBox: { x: 24, y: 310.5, width: 120, height: 36 },
      documentBox: { x: 24, y: 1510.5, width: 120, height: 36 },
    },
    diagnostics: {
      consoleErrors: [
        { at: '2026-11-22T12:59:58.000Z', message: 'TypeError: x is undefined', source: 'https://app.example.com/app.js:10:5' },
      ],
      failedRequests: [
        { at: '2026-11-22T12:59:59.000Z', method: 'POST', url: 'https://app.example.com/api/export', status: 500 },
        { at: '2026-11-22T12:59:59.500Z', method: 'GET', url: 'https://cdn.example.com/x.js', status: 0, error: 'network error' },
      ],
    },
    environment: { ...sampleCaptureInput().environment, zoom: 1.25 },
  };
}

/** A clip with its context and the link that reopens the page at the quote. */
export function detailedClipFields(): Partial<CaptureInput> {
  return {
    kind: 'clip',
    annotations: [],
    quote: 'The export button stays disabled',
    quoteContext: { prefix: 'Account 8812 — ', suffix: ' after the invoice is paid.' },
    textFragmentUrl: 'https://shop.example.com/checkout?step=2#:~:text=The%20export%20button%20stays%20disabled',
  };
}

export function authHeaders(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { Authorization: `Bearer ${token}`, ...extra };
}

/** POST a capture body (any JSON value, so tests can send invalid ones). */
export function postCapture(t: Pick<TestApp, 'app' | 'token'>, body: unknown, headers: Record<string, string> = {}) {
  return t.app.request(`${API_PREFIX}/captures`, {
    method: 'POST',
    headers: authHeaders(t.token, { 'Content-Type': 'application/json', ...headers }),
    body: JSON.stringify(body),
  });
}

export function putScreenshot(
  t: Pick<TestApp, 'app' | 'token'>,
  id: string,
  bytes: Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>,
  contentType = 'image/png',
  headers: Record<string, string> = {},
) {
  // Streamed request bodies need duplex: 'half' in Node, which the DOM RequestInit type lacks.
  const init: RequestInit & { duplex: 'half' } = {
    method: 'PUT',
    headers: authHeaders(t.token, { 'Content-Type': contentType, ...headers }),
    body: bytes,
    duplex: 'half',
  };
  return t.app.request(`${API_PREFIX}/captures/${id}/screenshot`, init);
}

/** Some bytes that start like a PNG; the server does not decode images, so this is enough. */
export function fakePng(size = 1024, seed = 1): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].slice(0, size));
  for (let i = 8; i < size; i++) bytes[i] = (i * 31 + seed * 17) & 0xff;
  return bytes;
}

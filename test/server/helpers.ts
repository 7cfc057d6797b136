import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { CSRF_HEADER, SESSION_COOKIE, sessionInfo } from '#shared/account';
import { API_PREFIX } from '#shared/api';
import type { CaptureInput, CaptureKind } from '#shared/capture';
import type { Role, TokenScope } from '#shared/roles';
import { type AppType, createApp } from '../../server/app';
import { hashPassword } from '../../server/auth/password';
import { bootstrapAdmin } from '../../server/bootstrap';
import type { SecurityOptions } from '../../server/middleware/hardening';
import { ScreenshotStore } from '../../server/screenshots';
import type { AccountUser } from '../../server/store/accounts/store';
import { openPostgresStore } from '../../server/store/postgres';
import { openSqliteStore } from '../../server/store/sqlite';
import type { Store, User } from '../../server/store/store';
import { generateToken, hashToken } from '../../server/auth/tokens';
import { sampleCaptureInput } from '../fixtures/sample-capture';

export { sampleCaptureInput };

export { API_PREFIX };

/** One page of the whole feed, newest first, merged captures left out, as someone who sees everyone: the review part's real query. */
export function wholeFeedPage(store: Store, query: { kind?: CaptureKind; tag?: string; cursor?: string; limit: number }) {
  return store.review.listFeed(
    {
      ...(query.kind === undefined ? {} : { kind: [query.kind] }),
      ...(query.tag === undefined ? {} : { tag: [query.tag] }),
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
      includeMerged: false,
      sort: 'newest',
      limit: query.limit,
    },
    { userId: '', seesAll: true },
  );
}

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

/** The machine's PostgreSQL (CI has it too), for tests that run on both stores. */
export const TEST_POSTGRES_URL = process.env.SNAG_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type TestDatabase = 'sqlite' | 'postgres';

/** A fresh store: SQLite in `dataDir`, or a PostgreSQL schema of its own, dropped on close. */
async function openTestStore(database: TestDatabase, dataDir: string): Promise<{ store: Store; drop: () => Promise<void> }> {
  if (database === 'sqlite') return { store: await openSqliteStore(join(dataDir, 'snag.db')), drop: async () => undefined };
  const schema = `snag_test_${uuidv7().replaceAll('-', '')}`;
  const store = await openPostgresStore({ connectionString: TEST_POSTGRES_URL, schema, maxConnections: 4 });
  const drop = async () => {
    const admin = new pg.Pool({ connectionString: TEST_POSTGRES_URL, max: 1 });
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  };
  return { store, drop };
}

/** A real app on a real database (SQLite in a fresh temp directory unless told), with an admin token ready. */
export async function makeTestApp(
  options: {
    database?: TestDatabase;
    dashboardDir?: string;
    version?: string;
    /** The app's clock (sessions, invites, throttles). */
    now?: () => Date;
    security?: SecurityOptions;
  } = {},
): Promise<TestApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'snag-test-'));
  const { store, drop } = await openTestStore(options.database ?? 'sqlite', dataDir);
  const screenshots = await ScreenshotStore.open(dataDir);
  const bootstrap = await bootstrapAdmin(store, undefined);
  if (!bootstrap.created) throw new Error('a fresh test database already had users');
  const app = createApp({
    store,
    screenshots,
    dashboardDir: options.dashboardDir,
    version: options.version ?? 'test',
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.security === undefined ? {} : { security: options.security }),
  });
  return {
    app,
    token: bootstrap.adminToken,
    store,
    screenshots,
    dataDir,
    close: async () => {
      await store.close();
      await drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Another user (a member unless told) with their own full-scope token, e.g. to check one person cannot touch another's capture. */
export async function addUser(store: Store, name = 'Member', role: Role = 'member'): Promise<{ user: User; token: string }> {
  const { user, token } = await addMember(store, { name, role });
  return { user: { id: user.id, name: user.name, role: user.role }, token };
}

/**
 * A user straight in the store, without email or password, holding a full token with this hash:
 * for store tests. Same shape as the legacy `store.createUserWithToken`, which is going away.
 */
export async function createUserWithToken(
  store: Store,
  input: { name: string; role: Role; tokenHash: string; tokenName?: string },
): Promise<User> {
  const at = new Date().toISOString();
  const created = await store.accounts.createUser({ name: input.name, email: null, role: input.role, passwordHash: null, at });
  if (!created.ok) throw new Error(`could not create ${input.name}`);
  await store.accounts.createToken({
    userId: created.user.id,
    name: input.tokenName ?? 'test',
    scope: 'full',
    tokenHash: input.tokenHash,
    at,
  });
  return { id: created.user.id, name: created.user.name, role: created.user.role };
}

export interface TestMember {
  user: AccountUser;
  /** A token of `scope` (default full). */
  token: string;
  email: string;
  password: string;
}

export const TEST_PASSWORD = 'correct horse battery staple';

/**
 * A user of any role with an email, a password (TEST_PASSWORD unless given) and a token.
 * Hashing the password costs ~0.1 s; pass `password: null` for a token-only user.
 */
export async function addMember(
  store: Store,
  options: { role?: Role; name?: string; email?: string; password?: string | null; scope?: TokenScope } = {},
): Promise<TestMember> {
  const role = options.role ?? 'member';
  const name = options.name ?? `${role[0]?.toUpperCase()}${role.slice(1)} ${uuidv7().slice(-6)}`;
  const email = options.email ?? `${role}-${uuidv7()}@example.com`;
  const password = options.password === undefined ? TEST_PASSWORD : options.password;
  const at = new Date().toISOString();
  const created = await store.accounts.createUser({
    name,
    email,
    role,
    passwordHash: password === null ? null : await hashPassword(password),
    at,
  });
  if (!created.ok) throw new Error(`could not create ${email}: ${created.reason}`);
  const token = generateToken();
  await store.accounts.createToken({ userId: created.user.id, name: 'test', scope: options.scope ?? 'full', tokenHash: hashToken(token), at });
  return { user: created.user, token, email, password: password ?? '' };
}

/** A signed-in dashboard session: send `cookie` as the Cookie header and `csrfToken` on writes. */
export interface TestSession {
  cookie: string;
  csrfToken: string;
}

/** The `snag_session=…` pair from a response's Set-Cookie, ready for a Cookie header. */
export function sessionCookieFrom(res: Response): string {
  const pair = res.headers
    .getSetCookie()
    .map((header) => header.split(';')[0] ?? '')
    .find((cookiePair) => cookiePair.startsWith(`${SESSION_COOKIE}=`));
  if (pair === undefined) throw new Error(`no ${SESSION_COOKIE} cookie in the response (status ${res.status})`);
  return pair;
}

/** Signs in through POST /session, as the dashboard does. */
export async function signIn(app: AppType, email: string, password: string = TEST_PASSWORD): Promise<TestSession> {
  const res = await app.request(`${API_PREFIX}/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${email} answered ${res.status}: ${await res.text()}`);
  const { csrfToken } = sessionInfo.parse(await res.json());
  return { cookie: sessionCookieFrom(res), csrfToken };
}

/** A member of `role` with a token and a signed-in session. */
export async function addSignedInMember(
  t: Pick<TestApp, 'app' | 'store'>,
  options: { role?: Role; name?: string } = {},
): Promise<TestMember & { session: TestSession }> {
  const member = await addMember(t.store, options);
  return { ...member, session: await signIn(t.app, member.email, member.password) };
}

/** A session made straight in the store (no password hashing): for tests that need many. */
export async function sessionFor(store: Store, userId: string, at: Date = new Date()): Promise<TestSession> {
  const id = generateToken();
  const csrfToken = generateToken();
  await store.accounts.createSession({ idHash: hashToken(id), userId, csrfToken, at: at.toISOString() });
  return { cookie: `${SESSION_COOKIE}=${id}`, csrfToken };
}

/** Headers for a request riding a session; `csrf: false` leaves the CSRF token out. */
export function sessionHeaders(
  session: TestSession,
  options: { csrf?: boolean } = {},
  extra: Record<string, string> = {},
): Record<string, string> {
  return { Cookie: session.cookie, ...(options.csrf === false ? {} : { [CSRF_HEADER]: session.csrfToken }), ...extra };
}

/** A JSON request as a caller (bearer token or session); body omitted for GET/DELETE unless given. */
export async function callApi(
  app: AppType,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  as: { token: string } | { session: TestSession; csrf?: boolean } | null,
  body?: unknown,
  env?: unknown,
): Promise<Response> {
  const headers: Record<string, string> = body === undefined ? {} : { 'Content-Type': 'application/json' };
  const credentials =
    as === null ? {} : 'token' in as ? authHeaders(as.token) : sessionHeaders(as.session, { csrf: as.csrf ?? true });
  return await app.request(
    `${API_PREFIX}${path}`,
    { method, headers: { ...headers, ...credentials }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) },
    env,
  );
}

/** What @hono/node-server passes as the env, enough for getConnInfo: makes a request come from `address`. */
export function fromAddress(address: string): unknown {
  return { incoming: { socket: { remoteAddress: address, remotePort: 40000, remoteFamily: 'IPv4' } } };
}

export function newCaptureId(): string {
  return uuidv7();
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

import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { API_PREFIX, apiError } from '#shared/api';
import { CSRF_HEADER, SESSION_COOKIE } from '#shared/account';
import { createApp } from '../../server/app';
import { KyselyStore } from '../../server/store/kysely-store';
import { addMember, makeTestApp, sampleCaptureInput, signIn, type TestApp, type TestDatabase, type TestSession } from './helpers';

// Every API route, found in app.routes (so routes added later are fuzzed too), gets malformed,
// oversized and hostile requests, as an admin (so authorization hides nothing) and as strangers.
// Whatever comes in: never a 5xx, every 4xx is an `apiError`, and a 4xx changes nothing stored.
// On SQLite and on PostgreSQL, which refuses what SQLite lets through (NUL bytes in text, say).

const RUNS_IN_TOTAL = 3000;
const TIME_BUDGET_MS = 45_000;

let t: TestApp;
let app: ReturnType<typeof createApp>;
let db: KyselyStore['db'];
let adminSession: TestSession;
let adminEmail: string;
let seededCaptureId: string;
let tables: string[];

async function setUp(database: TestDatabase): Promise<void> {
  t = await makeTestApp({ database });
  // Rate limits would turn most requests into 429s and hide what the routes do.
  app = createApp({
    store: t.store,
    screenshots: t.screenshots,
    security: { requestsPerMinute: 0, anonymousRequestsPerMinute: 0 },
  });
  const boss = await addMember(t.store, { role: 'admin', name: 'Fuzz Admin' });
  adminEmail = boss.email;
  adminSession = await signIn(app, adminEmail);
  await seedCapture();
  if (!(t.store instanceof KyselyStore)) throw new Error('the fuzz test counts rows under a KyselyStore');
  db = t.store.db;
  const listed =
    database === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
  tables = listed.rows.map((row) => row.name);
}

async function tearDown(): Promise<void> {
  vi.restoreAllMocks();
  await t.close();
}

/** A capture for routes that take an id to find, made again whenever a run deleted it. */
async function seedCapture(): Promise<void> {
  const input = sampleCaptureInput({ customer: 'Globex' });
  const posted = await app.request(`${API_PREFIX}/captures`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${t.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  expect(posted.status).toBe(201);
  seededCaptureId = input.id;
}

/**
 * Row counts of every table, and the screenshot files. Audit entries of refused sign-ins are
 * written on purpose when a request fails, so those alone are left out.
 */
async function fingerprint(): Promise<string> {
  const counts: string[] = [];
  for (const table of tables) {
    const where = table === 'audit_log' ? sql` where action != 'session.sign_in_failed'` : sql``;
    const { rows } = await sql<{ count: number | string }>`select count(*) as count from ${sql.table(table)}${where}`.execute(db);
    counts.push(`${table}=${String(rows[0]?.count)}`);
  }
  const shotDirs = await readdir(join(t.dataDir, 'screenshots'));
  const shots = (await Promise.all(shotDirs.map((dir) => readdir(join(t.dataDir, 'screenshots', dir))))).flat().length;
  counts.push(`screenshots=${shots}`, `tmp=${(await t.screenshots.pendingTempFiles()).length}`);
  return counts.join(' ');
}

interface ApiRoute {
  method: string;
  path: string;
}

function apiRoutes(): ApiRoute[] {
  const seen = new Map<string, ApiRoute>();
  for (const route of app.routes) {
    if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method)) continue;
    if (!route.path.startsWith(`${API_PREFIX}/`) || route.path.includes('*')) continue;
    seen.set(`${route.method} ${route.path}`, { method: route.method, path: route.path });
  }
  return [...seen.values()];
}

// ---- what the requests are made of ----

/** encodeURIComponent, except that a lone surrogate becomes its (invalid) UTF-8 bytes instead of throwing. */
function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
}

const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\uFEFF',
    '\uD800',
    '<script>alert(1)</script>',
    "' or 1=1 --",
    '%',
    '%ZZ',
    '%E0%A4%A',
    '../../etc/passwd',
    'null',
    'undefined',
    '__proto__',
    '-1',
    '1e999',
    'a'.repeat(10_000),
    '2026-13-45T99:99:99Z',
  ),
);

const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileText,
    fc.integer(),
    fc.double(),
    fc.constantFrom(0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, true, false, null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileText, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** Field names the API really reads, so bodies get past "unknown field" often enough to reach deeper code. */
const fieldName = fc.constantFrom(
  'id', 'kind', 'page', 'url', 'title', 'comment', 'tags', 'createdAt', 'environment', 'screenshot', 'customer', 'severity',
  'email', 'password', 'name', 'role', 'active', 'token', 'scope', 'userCode', 'pollSecret', 'deviceName', 'expiresInHours',
  'retentionDays', 'userId', 'status', 'priority', 'assigneeId', 'ids', 'targetId', 'duplicateIds', 'body', 'query', 'shared',
  '__proto__', 'constructor',
);

const jsonishObject = fc.dictionary(fieldName, hostileValue, { maxKeys: 6 }).map((value) => JSON.stringify(value));

const body = fc.oneof(
  { weight: 4, arbitrary: jsonishObject },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.constant(JSON.stringify(sampleCaptureInput())) },
  { weight: 1, arbitrary: hostileText },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => new Uint8Array(bytes)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<string | Uint8Array<ArrayBuffer>>(
      '',
      '{',
      '{"a":1,}',
      'null',
      '"text"',
      '[]',
      '\uFEFF{}',
      '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"role":"admin"}}}',
      '['.repeat(100_000),
      `{"comment":"${'x'.repeat(600 * 1024)}"}`,
      new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]),
      new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]),
    ),
  },
);

const contentType = fc.constantFrom<string | undefined>(
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----fuzz',
  'image/png',
  'image/webp',
  'application/xml',
  '',
  ';;;',
  undefined,
);

const pathParam = fc.oneof(
  { weight: 3, arbitrary: fc.constant('SEEDED') },
  { weight: 2, arbitrary: fc.uuid({ version: 7 }) },
  { weight: 3, arbitrary: hostileText.map((text) => encode(text) || 'x') },
  { weight: 1, arbitrary: fc.constantFrom('%', '%ZZ', '%E0%A4%A', '%2e%2e', '..', '%00', 'a'.repeat(5000)) },
);

const queryKey = fc.oneof(
  fc.constantFrom(
    'limit', 'cursor', 'kind', 'tag', 'q', 'status', 'priority', 'assignee', 'reporter', 'customer', 'site', 'path', 'route',
    'element', 'flow', 'step', 'from', 'to', 'sort', 'format', 'groupBy', 'bucket', 'by', 'dimension', 'action', 'actor',
    'before', 'all', 'includeMerged',
  ),
  fc.string({ maxLength: 8 }),
);
const queryValue = fc.oneof(
  hostileText.map(encode),
  fc.constantFrom('%', '%ZZ', '-5', '0', '99999999999999999999', 'NaN', 'true', 'csv', 'json', 'html', 'markdown', 'a,b,,c'),
);
const query = fc.array(fc.tuple(queryKey, queryValue), { maxLength: 5 });

type Caller = 'admin-token' | 'admin-session' | 'anonymous' | 'bogus-bearer' | 'malformed-auth' | 'bad-cookie' | 'bad-csrf';
const caller = fc.constantFrom<Caller>(
  'admin-token', 'admin-token', 'admin-token', 'admin-session', 'admin-session', 'anonymous', 'bogus-bearer', 'malformed-auth',
  'bad-cookie', 'bad-csrf',
);

/** Present in about one request in `oneIn`, so the others reach past the checks these trip. */
const rare = <T>(arbitrary: fc.Arbitrary<T>, oneIn = 8) =>
  fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });

const extraHeaders = fc.record({
  origin: rare(fc.constantFrom('https://evil.example', 'null', 'chrome-extension://abcdefghijklmnopabcdefghijklmnop'), 4),
  huge: rare(fc.constant('h'.repeat(16 * 1024))),
  csrf: rare(hostileText.filter((text) => /^[\x20-\x7e]*$/.test(text))),
  contentLength: rare(fc.constantFrom('-1', 'abc', '99999999999999999999', '0', '1')),
});

async function renewSessionIfEnded(): Promise<void> {
  const check = await app.request(`${API_PREFIX}/session`, { headers: { Cookie: adminSession.cookie } });
  await check.body?.cancel();
  if (check.status === 401) adminSession = await signIn(app, adminEmail);
}

function credentials(who: Caller): Record<string, string> {
  switch (who) {
    case 'admin-token':
      return { Authorization: `Bearer ${t.token}` };
    case 'admin-session':
      return { Cookie: adminSession.cookie, [CSRF_HEADER]: adminSession.csrfToken };
    case 'anonymous':
      return {};
    case 'bogus-bearer':
      return { Authorization: `Bearer snag_${'0'.repeat(43)}` };
    case 'malformed-auth':
      return { Authorization: 'Basic dXNlcjpwYXNz, Bearer' };
    case 'bad-cookie':
      return { Cookie: `${SESSION_COOKIE}=%ZZ%; ${SESSION_COOKIE}="unterminated; other=${'c'.repeat(2000)}` };
    case 'bad-csrf':
      return { Cookie: adminSession.cookie, [CSRF_HEADER]: 'not-the-token' };
  }
}

const SECRET_LEAKS = /SQLITE_|sqlite3?\b|\bat [^\s]+\.(ts|js):\d+|node_modules|syntax error at or near/i;

describe.each<TestDatabase>(['sqlite', 'postgres'])('fuzzing every API route on %s', (database) => {
  beforeAll(() => setUp(database), 30_000);
  afterAll(tearDown);

  it('never answers 5xx, always answers 4xx with an apiError body, and a 4xx stores nothing', { timeout: 120_000 }, async () => {
    // A 500 would log; keep the output readable and count on the assertions instead.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThan(20);
    const runsPerRoute = Math.max(20, Math.floor(RUNS_IN_TOTAL / routes.length));
    const deadline = Date.now() + TIME_BUDGET_MS;
    let requests = 0;

    for (const route of routes) {
      if (Date.now() > deadline) break;
      await fc.assert(
        fc.asyncProperty(
          fc.array(pathParam, { minLength: 3, maxLength: 3 }),
          query,
          caller,
          contentType,
          body,
          extraHeaders,
          async (params, pairs, who, type, payload, extra) => {
            let index = 0;
            const path = route.path.replace(/:[A-Za-z]+(\{[^}]*\})?/g, () => {
              const value = params[index++ % params.length] ?? 'x';
              return value === 'SEEDED' ? seededCaptureId : value;
            });
            const search = pairs.map(([key, value]) => `${encode(key)}=${value}`).join('&');
            const headers: Record<string, string> = { ...credentials(who) };
            if (type !== undefined) headers['Content-Type'] = type;
            if (extra.origin !== undefined) headers.Origin = extra.origin;
            if (extra.huge !== undefined) headers['X-Padding'] = extra.huge;
            if (extra.csrf !== undefined && who !== 'admin-session') headers[CSRF_HEADER] = extra.csrf;
            if (extra.contentLength !== undefined) headers['Content-Length'] = extra.contentLength;
            const hasBody = route.method !== 'GET';
            const init: RequestInit = { method: route.method, headers, ...(hasBody ? { body: payload } : {}) };

            const before = await fingerprint();
            const res = await app.request(`${path}${search === '' ? '' : `?${search}`}`, init);
            requests += 1;
            const label = `${route.method} ${path}?${search} as ${who} → ${res.status}`;
            expect(res.status, label).toBeLessThan(500);
            expect(res.headers.get('X-Content-Type-Options'), label).toBe('nosniff');
            if (res.status >= 400) {
              const text = await res.text();
              let parsed: unknown;
              try {
                parsed = JSON.parse(text);
              } catch {
                throw new Error(`${label}: the body is not JSON: ${text.slice(0, 200)}`);
              }
              expect(apiError.safeParse(parsed).success, `${label}: ${text.slice(0, 300)}`).toBe(true);
              expect(text, label).not.toMatch(SECRET_LEAKS);
              expect(await fingerprint(), `${label} changed what is stored`).toBe(before);
            } else {
              // Streams (live events, exports) would never end on their own.
              await res.body?.cancel();
              // Signing out (or out everywhere) is fair game; sign back in so later runs still reach the routes.
              if (path.startsWith(`${API_PREFIX}/session`)) await renewSessionIfEnded();
              if (route.method !== 'GET' && (await t.store.findScreenshotTarget(seededCaptureId)) === null) await seedCapture();
            }
          },
        ),
        { numRuns: runsPerRoute, endOnFailure: true },
      );
    }
    expect(requests).toBeGreaterThan(routes.length * 10);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { CSRF_HEADER } from '#shared/account';
import { apiError, API_PREFIX } from '#shared/api';
import { effectivePermissions, type Role, type TokenScope } from '#shared/roles';
import { type RouteRule, ruleOf } from '../../server/auth/allow';
import { hashToken } from '../../server/auth/tokens';
import {
  addMember,
  authHeaders,
  makeTestApp,
  postCapture,
  sampleCaptureInput,
  sessionFor,
  type TestApp,
  type TestSession,
} from './helpers';

/**
 * Every /api route, every kind of caller: what `allow()` promises, checked from the outside.
 * Routes are read from `app.routes`, so a route added anywhere is covered without touching this
 * file, and a route whose first handler is not `allow(…)` fails here.
 */

interface ApiRoute {
  method: string;
  path: string;
  /** The rule of the route's first handler; undefined when it is not `allow(…)`. */
  rule: RouteRule | undefined;
}

/** Who calls. `credentials: 'none'` for callers whose credentials must not count. */
type Principal =
  | { name: string; kind: 'anonymous'; headers: () => Record<string, string> }
  | { name: string; kind: 'token'; role: Role; scope: TokenScope; headers: () => Record<string, string> }
  /** A signed-in session that does not send its CSRF token. */
  | { name: string; kind: 'session-without-csrf'; role: Role; headers: () => Record<string, string> };

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function apiRoutes(t: TestApp): ApiRoute[] {
  const byKey = new Map<string, ApiRoute>();
  for (const route of t.app.routes) {
    // Middleware (`use`) and the catch-all are registered as ALL.
    if (!route.path.startsWith('/api/') || route.method === 'ALL' || route.method === 'OPTIONS') continue;
    const key = `${route.method} ${route.path}`;
    // Handlers are listed in order, so the first one seen is the route's first handler.
    if (!byKey.has(key)) byKey.set(key, { method: route.method, path: route.path, rule: ruleOf(route.handler) });
  }
  return [...byKey.values()];
}

function fillParams(path: string, value: string): string {
  return path.replace(/:[A-Za-z0-9_]+(\{[^}]*\})?/g, value);
}

/** What `allow(rule)` must answer this principal: 'ok' means neither 401 nor 403. */
function expected(rule: RouteRule, principal: Principal, method: string): 401 | 403 | 'ok' {
  if (rule === 'public') return 'ok';
  if (principal.kind === 'anonymous') return 401;
  if (principal.kind === 'session-without-csrf' && UNSAFE.has(method)) return 403;
  if (rule === 'signed-in') return 'ok';
  const scope = principal.kind === 'token' ? principal.scope : 'full';
  return effectivePermissions(principal.role, scope).has(rule) ? 'ok' : 403;
}

let t: TestApp;
let principals: Principal[];
let otherMembersCapture: string;
let guestToken: string;
/** The guest's own capture, into which ops merged a capture of Quinn's. */
let guestsMergedCapture: string;
let opsToken: string;
/** What only Quinn's capture holds; a guest's read that shows any of it leaks through the merge. */
const QUINN = { name: 'Quinn Oversharer', comment: 'QUINN-PRIVATE-COMMENT', customer: 'Quinn Secret Customer Ltd', note: 'OPS-NOTE-ON-QUINN' };

beforeAll(async () => {
  // Hundreds of requests from one test "address": the general request budgets are not under test here.
  t = await makeTestApp({ security: { requestsPerMinute: 0, anonymousRequestsPerMinute: 0 } });
  const tokenOf = async (role: Role, scope: TokenScope = 'full') => (await addMember(t.store, { role, scope, password: null })).token;

  const revoked = await addMember(t.store, { role: 'admin', password: null });
  const revokedToken = await t.store.accounts.findBearer(hashToken(revoked.token));
  await t.store.accounts.revokeToken(revokedToken?.token.id ?? '', new Date().toISOString());
  const deactivated = await addMember(t.store, { role: 'admin', password: null });
  await t.store.accounts.updateMember(deactivated.user.id, { active: false }, new Date().toISOString());

  const sessionAdmin = await addMember(t.store, { role: 'admin', password: null });
  let session: TestSession = await sessionFor(t.store, sessionAdmin.user.id);
  guestToken = await tokenOf('guest');
  const bearer = (token: string) => () => authHeaders(token);

  principals = [
    { name: 'no credentials', kind: 'anonymous', headers: () => ({}) },
    { name: 'revoked token', kind: 'anonymous', headers: bearer(revoked.token) },
    { name: "deactivated member's token", kind: 'anonymous', headers: bearer(deactivated.token) },
    { name: 'guest', kind: 'token', role: 'guest', scope: 'full', headers: bearer(guestToken) },
    { name: 'member', kind: 'token', role: 'member', scope: 'full', headers: bearer(await tokenOf('member')) },
    { name: 'ops', kind: 'token', role: 'ops', scope: 'full', headers: bearer(await tokenOf('ops')) },
    { name: 'admin', kind: 'token', role: 'admin', scope: 'full', headers: bearer(t.token) },
    { name: "admin's capture-scoped token", kind: 'token', role: 'admin', scope: 'capture', headers: bearer(await tokenOf('admin', 'capture')) },
    {
      name: 'admin session without CSRF token',
      kind: 'session-without-csrf',
      role: 'admin',
      headers: () => ({ Cookie: session.cookie }),
    },
  ];
  // Some routes end sessions (sign out, sign out everywhere); the session principal gets a fresh one as needed.
  const renewSession = async () => {
    session = await sessionFor(t.store, sessionAdmin.user.id);
  };
  sessionRenewal = renewSession;

  const mia = await addMember(t.store, { role: 'member', name: 'Mia', password: null });
  const created = await postCapture({ app: t.app, token: mia.token }, sampleCaptureInput());
  if (created.status !== 201) throw new Error(`could not create Mia's capture: ${created.status}`);
  otherMembersCapture = sampleCaptureIdFrom(await created.json());
  opsToken = await tokenOf('ops');
  guestsMergedCapture = (await mergeOthersIntoGuestsCapture()).target;
});

/** A guest's capture with a member's capture merged into it by ops, and an ops note on the duplicate. */
async function mergeOthersIntoGuestsCapture(): Promise<{ target: string; duplicate: string }> {
  const quinn = await addMember(t.store, { role: 'member', name: QUINN.name, password: null });
  const guests = await postCapture({ app: t.app, token: guestToken }, sampleCaptureInput({ customer: 'Guest Co' }));
  const quinns = await postCapture({ app: t.app, token: quinn.token }, sampleCaptureInput({ comment: QUINN.comment, customer: QUINN.customer }));
  if (guests.status !== 201 || quinns.status !== 201) throw new Error('could not create the captures to merge');
  const target = sampleCaptureIdFrom(await guests.json());
  const duplicate = sampleCaptureIdFrom(await quinns.json());
  const ops = authHeaders(opsToken, { 'Content-Type': 'application/json' });
  const note = await t.app.request(`${API_PREFIX}/captures/${duplicate}/comments`, {
    method: 'POST',
    headers: ops,
    body: JSON.stringify({ body: QUINN.note }),
  });
  const merged = await t.app.request(`${API_PREFIX}/captures/merge`, {
    method: 'POST',
    headers: ops,
    body: JSON.stringify({ targetId: target, duplicateIds: [duplicate] }),
  });
  if (note.status !== 201 || merged.status !== 200) throw new Error(`could not merge: ${note.status} ${merged.status}`);
  return { target, duplicate };
}

let sessionRenewal: () => Promise<void> = async () => undefined;

function sampleCaptureIdFrom(body: unknown): string {
  if (typeof body === 'object' && body !== null && 'id' in body && typeof body.id === 'string') return body.id;
  throw new Error('the capture answer has no id');
}

afterAll(async () => {
  await t.close();
});

describe('authorization matrix', () => {
  it('finds the API routes', () => {
    const paths = apiRoutes(t).map((route) => `${route.method} ${route.path}`);
    expect(paths).toEqual(expect.arrayContaining([`GET ${API_PREFIX}/me`, `POST ${API_PREFIX}/session`, `GET ${API_PREFIX}/captures`]));
  });

  it('has allow(…) as the first handler of every API route', () => {
    const unguarded = apiRoutes(t)
      .filter((route) => route.rule === undefined)
      .map((route) => `${route.method} ${route.path}`);
    expect(unguarded).toEqual([]);
  });

  it('answers every route as its rule says, for every kind of caller', async () => {
    const mismatches: string[] = [];
    for (const route of apiRoutes(t)) {
      if (route.rule === undefined) continue;
      const paths = new Set([fillParams(route.path, uuidv7())]);
      // Someone else's real capture, where the route is about a capture.
      if (route.path.includes('/captures/:')) {
        paths.add(fillParams(route.path, otherMembersCapture));
        // A capture others were merged into: the rules hold for it as for any other.
        paths.add(fillParams(route.path, guestsMergedCapture));
      }
      for (const path of paths) {
        for (const principal of principals) {
          const want = expected(route.rule, principal, route.method);
          // An empty JSON object for anything that takes a body; GET and DELETE take none.
          const write = route.method === 'POST' || route.method === 'PUT' || route.method === 'PATCH';
          const res = await t.app.request(path, {
            method: route.method,
            headers: { ...principal.headers(), ...(write ? { 'Content-Type': 'application/json' } : {}) },
            ...(write ? { body: '{}' } : {}),
          });
          // Streams (live events, exports) would stay open; the status is all we need.
          await res.body?.cancel();
          const got = res.status;
          const ok = want === 'ok' ? got !== 401 && got !== 403 : got === want;
          if (!ok) mismatches.push(`${route.method} ${path} as ${principal.name} (rule ${route.rule}): expected ${want}, got ${got}`);
          if (principal.kind === 'session-without-csrf') await sessionRenewal();
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('answers 403 code csrf (not 401) to a signed-in session that leaves the CSRF token out', async () => {
    const sessionPrincipal = principals.find((p) => p.kind === 'session-without-csrf');
    const res = await t.app.request(`${API_PREFIX}/tokens`, {
      method: 'POST',
      headers: { ...sessionPrincipal?.headers(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'x', scope: 'full' }),
    });
    expect(res.status).toBe(403);
    expect(apiError.parse(await res.json()).error.code).toBe('csrf');
    expect(CSRF_HEADER).toBe('X-CSRF-Token');
  });

  it("answers 404 to a guest reading another member's capture", async () => {
    const res = await t.app.request(`${API_PREFIX}/captures/${otherMembersCapture}`, { headers: authHeaders(guestToken) });
    expect(res.status).toBe(404);
  });

  it('shows a guest nothing of the captures ops merged into theirs, on any route they may read', async () => {
    // A merge of its own: the matrix above deletes whatever captures it was given.
    const { target, duplicate } = await mergeOthersIntoGuestsCapture();
    const guest = principals.find((principal) => principal.name === 'guest');
    if (guest === undefined) throw new Error('no guest principal');
    const leaks: string[] = [];
    for (const route of apiRoutes(t)) {
      if (route.method !== 'GET' || route.rule === undefined || expected(route.rule, guest, 'GET') !== 'ok') continue;
      const res = await t.app.request(fillParams(route.path, target), { headers: authHeaders(guestToken) });
      // A live stream never ends; what it may carry is checked in live-events.test.ts.
      if (res.headers.get('Content-Type')?.startsWith('text/event-stream') === true) {
        await res.body?.cancel();
        continue;
      }
      const body = await res.text();
      for (const secret of [QUINN.name, QUINN.comment, QUINN.customer, QUINN.note, duplicate]) {
        if (body.includes(secret)) leaks.push(`GET ${route.path} (${res.status}) shows ${secret}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it("counts only the guest's own part of a merged capture", async () => {
    const { target } = await mergeOthersIntoGuestsCapture();
    const detail = await t.app.request(`${API_PREFIX}/captures/${target}`, { headers: authHeaders(guestToken) });
    expect(detail.status).toBe(200);
    expect(await detail.json()).toMatchObject({
      counts: { duplicates: 0, reporters: 1, customers: 1 },
      duplicates: [],
      customers: ['Guest Co'],
      reporters: [expect.objectContaining({ id: expect.any(String) })],
    });
    const feed = await t.app.request(`${API_PREFIX}/captures`, { headers: authHeaders(guestToken) });
    const items: unknown = (await feed.json()).items;
    const own = { duplicates: 0, reporters: 1, customers: 1 };
    expect(items).toEqual(expect.arrayContaining([expect.objectContaining({ id: target, counts: expect.objectContaining(own) })]));
    // Ops, who may see both, still get the whole picture.
    const forOps = await t.app.request(`${API_PREFIX}/captures/${target}`, { headers: authHeaders(opsToken) });
    expect(await forOps.json()).toMatchObject({ counts: { duplicates: 1, reporters: 2, customers: 2 }, duplicates: [expect.anything()] });
  });
});

import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_COOKIE, sessionInfo } from '#shared/account';
import { API_PREFIX, apiError } from '#shared/api';
import { auditPage } from '#shared/audit';
import {
  addMember,
  addSignedInMember,
  callApi,
  fromAddress,
  makeTestApp,
  sessionCookieFrom,
  signIn,
  TEST_PASSWORD,
  type TestApp,
  type TestMember,
} from './helpers';

const DAY = 24 * 60 * 60 * 1000;
let now: Date;
let t: TestApp;
let ann: TestMember;

beforeEach(async () => {
  now = new Date('2030-01-01T10:00:00.000Z');
  t = await makeTestApp({ now: () => now });
  ann = await addMember(t.store, { role: 'ops', name: 'Ann', email: 'ann@example.com' });
});
afterEach(async () => {
  await t.close();
});

const postSession = (body: unknown, url = `${API_PREFIX}/session`, env?: unknown) =>
  t.app.request(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }, env);

async function auditActions(): Promise<string[]> {
  const res = await callApi(t.app, 'GET', '/audit', { token: t.token });
  return auditPage.parse(await res.json()).entries.map((entry) => entry.action);
}

describe('POST /session (sign in)', () => {
  it('signs in with email and password: the user, a CSRF token, and an HttpOnly, SameSite=Strict cookie', async () => {
    const res = await postSession({ email: '  ANN@example.com ', password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    const body = sessionInfo.parse(await res.json());
    expect(body.user).toEqual({ id: ann.user.id, name: 'Ann', email: 'ann@example.com', role: 'ops' });
    expect(body.csrfToken.length).toBeGreaterThanOrEqual(40);
    const [cookie] = res.headers.getSetCookie();
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43};`));
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; Max-Age=2592000/);
    // Plain http here, so not Secure (the browser would drop a Secure cookie).
    expect(cookie).not.toMatch(/Secure/);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
  });

  it('marks the cookie Secure when the request came over https', async () => {
    const res = await postSession({ email: 'ann@example.com', password: TEST_PASSWORD }, `https://snag.example.com${API_PREFIX}/session`);
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()[0]).toMatch(/; Secure/);
  });

  it('stores only a hash of the session id', async () => {
    const res = await postSession({ email: 'ann@example.com', password: TEST_PASSWORD });
    const value = sessionCookieFrom(res).split('=')[1] ?? '';
    const db = new BetterSqlite3(join(t.dataDir, 'snag.db'), { readonly: true });
    try {
      const rows = db.prepare('select id, id_hash from sessions').all();
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(value);
    } finally {
      db.close();
    }
  });

  it('answers a wrong password and an unknown email the same way, and audits both with the address', async () => {
    const wrong = await postSession({ email: 'ann@example.com', password: 'not the password' }, undefined, fromAddress('203.0.113.9'));
    const unknown = await postSession({ email: 'nobody@example.com', password: TEST_PASSWORD }, undefined, fromAddress('203.0.113.9'));
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(apiError.parse(await res.json()).error).toEqual({ code: 'invalid_credentials', message: 'wrong email or password' });
      expect(res.headers.getSetCookie()).toEqual([]);
    }
    const page = auditPage.parse(await (await callApi(t.app, 'GET', '/audit?action=session.sign_in_failed', { token: t.token })).json());
    expect(page.entries.map((e) => [e.ip, e.target, e.details.reason])).toEqual([
      ['203.0.113.9', null, 'unknown_email'],
      ['203.0.113.9', ann.user.id, 'wrong_password'],
    ]);
    // Neither entry holds what was typed.
    expect(JSON.stringify(page)).not.toContain('nobody@example.com');
  });

  it('cannot sign in a token-only user (no password)', async () => {
    const tokenOnly = await addMember(t.store, { email: 'bot@example.com', password: null });
    expect((await postSession({ email: tokenOnly.email, password: 'anything at all' })).status).toBe(401);
  });

  it('tells a deactivated member who knows their password that the account is deactivated', async () => {
    await callApi(t.app, 'PATCH', `/members/${ann.user.id}`, { token: t.token }, { active: false });
    const res = await postSession({ email: 'ann@example.com', password: TEST_PASSWORD });
    expect(res.status).toBe(401);
    expect(apiError.parse(await res.json()).error.message).toMatch(/deactivated/);
  });

  it('names the wrong field of a bad body', async () => {
    const res = await postSession({ email: 'ann@example.com' });
    expect(res.status).toBe(400);
    expect(apiError.parse(await res.json()).error.issues?.[0]?.path).toBe('password');
  });

  it('audits the sign-in', async () => {
    await signIn(t.app, 'ann@example.com');
    expect(await auditActions()).toContain('session.signed_in');
  });
});

describe('GET /session', () => {
  it('gives the signed-in user and the same CSRF token back after a reload', async () => {
    const session = await signIn(t.app, 'ann@example.com');
    const res = await callApi(t.app, 'GET', '/session', { session });
    expect(res.status).toBe(200);
    expect(sessionInfo.parse(await res.json())).toEqual({
      user: { id: ann.user.id, name: 'Ann', email: 'ann@example.com', role: 'ops' },
      csrfToken: session.csrfToken,
    });
  });

  it('is for sessions: 401 without one, 400 with a bearer token', async () => {
    expect((await callApi(t.app, 'GET', '/session', null)).status).toBe(401);
    expect((await callApi(t.app, 'GET', '/session', { token: ann.token })).status).toBe(400);
  });
});

describe('signing out', () => {
  it('DELETE /session ends this session and clears the cookie', async () => {
    const session = await signIn(t.app, 'ann@example.com');
    const other = await signIn(t.app, 'ann@example.com');
    const res = await callApi(t.app, 'DELETE', '/session', { session });
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie()[0]).toMatch(new RegExp(`^${SESSION_COOKIE}=;.*Max-Age=0`));
    expect((await callApi(t.app, 'GET', '/me', { session })).status).toBe(401);
    expect((await callApi(t.app, 'GET', '/me', { session: other })).status).toBe(200);
    expect(await auditActions()).toContain('session.signed_out');
  });

  it('POST /session/revoke-all ends every session of the caller, this one too, and no one else’s', async () => {
    const here = await signIn(t.app, 'ann@example.com');
    const there = await signIn(t.app, 'ann@example.com');
    const bob = await addSignedInMember(t, { role: 'member' });
    expect((await callApi(t.app, 'POST', '/session/revoke-all', { session: here })).status).toBe(204);
    expect((await callApi(t.app, 'GET', '/me', { session: here })).status).toBe(401);
    expect((await callApi(t.app, 'GET', '/me', { session: there })).status).toBe(401);
    expect((await callApi(t.app, 'GET', '/me', { session: bob.session })).status).toBe(200);
    // API tokens are not sessions: they keep working.
    expect((await callApi(t.app, 'GET', '/me', { token: ann.token })).status).toBe(200);
    expect(await auditActions()).toContain('session.signed_out_everywhere');
  });
});

describe('session expiry', () => {
  it('ends a session after 7 idle days', async () => {
    const session = await signIn(t.app, 'ann@example.com');
    now = new Date(now.getTime() + 7 * DAY - 1000);
    expect((await callApi(t.app, 'GET', '/me', { session })).status).toBe(200);
    // Used just now, so the idle week starts again.
    now = new Date(now.getTime() + 7 * DAY - 1000);
    expect((await callApi(t.app, 'GET', '/me', { session })).status).toBe(200);
    now = new Date(now.getTime() + 7 * DAY);
    const res = await callApi(t.app, 'GET', '/me', { session });
    expect(res.status).toBe(401);
    expect(apiError.parse(await res.json()).error.message).toMatch(/session has ended/);
  });

  it('ends a session 30 days after sign-in however busy it is', async () => {
    const session = await signIn(t.app, 'ann@example.com');
    for (let day = 1; day < 30; day++) {
      now = new Date(now.getTime() + DAY);
      expect((await callApi(t.app, 'GET', '/me', { session })).status).toBe(200);
    }
    now = new Date(now.getTime() + DAY);
    expect((await callApi(t.app, 'GET', '/me', { session })).status).toBe(401);
  });

  it('ends the sessions of a member who is deactivated', async () => {
    const session = await signIn(t.app, 'ann@example.com');
    await callApi(t.app, 'PATCH', `/members/${ann.user.id}`, { token: t.token }, { active: false });
    expect((await callApi(t.app, 'GET', '/me', { session })).status).toBe(401);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '#shared/account';
import { API_PREFIX, apiError, health, me } from '#shared/api';
import { hashToken } from '../../server/auth/tokens';
import { addMember, addSignedInMember, authHeaders, callApi, makeTestApp, sessionHeaders, type TestApp } from './helpers';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

async function unauthorizedMessage(res: Response): Promise<string> {
  expect(res.status).toBe(401);
  const body = apiError.parse(await res.json());
  expect(body.error.code).toBe('unauthorized');
  return body.error.message;
}

describe('GET /healthz', () => {
  it('answers without a token and says this is Snag', async () => {
    const res = await t.app.request('/healthz');
    expect(res.status).toBe(200);
    expect(health.parse(await res.json())).toEqual({ ok: true, service: 'snag', version: 'test' });
  });
});

describe('bearer tokens on /api/*', () => {
  it('says how to sign in when nothing is sent', async () => {
    expect(await unauthorizedMessage(await t.app.request(`${API_PREFIX}/me`))).toMatch(/not signed in.*Bearer/);
  });

  it('says when the header is not a Bearer token', async () => {
    const res = await t.app.request(`${API_PREFIX}/me`, { headers: { Authorization: `Basic ${t.token}` } });
    expect(await unauthorizedMessage(res)).toMatch(/Bearer/);
  });

  it('says when the token is not recognised', async () => {
    const res = await t.app.request(`${API_PREFIX}/me`, { headers: authHeaders(`${t.token}x`) });
    expect(await unauthorizedMessage(res)).toMatch(/not recognised/);
  });

  it('says when a token was revoked, and tells the extension to pair again for a capture token', async () => {
    const full = await addMember(t.store, { password: null });
    const capture = await addMember(t.store, { password: null, scope: 'capture' });
    for (const { token } of [full, capture]) {
      const found = await t.store.accounts.findBearer(hashToken(token));
      await t.store.accounts.revokeToken(found?.token.id ?? '', new Date().toISOString());
    }
    expect(await unauthorizedMessage(await callApi(t.app, 'GET', '/me', { token: full.token }))).toMatch(
      /revoked; create a new one/,
    );
    expect(await unauthorizedMessage(await callApi(t.app, 'GET', '/me', { token: capture.token }))).toMatch(
      /revoked; pair the extension again/,
    );
  });

  it("refuses a deactivated member's token, naming why", async () => {
    const member = await addMember(t.store, { name: 'Dee', password: null });
    const res = await callApi(t.app, 'PATCH', `/members/${member.user.id}`, { token: t.token }, { active: false });
    expect(res.status).toBe(200);
    expect(await unauthorizedMessage(await callApi(t.app, 'GET', '/me', { token: member.token }))).toMatch(
      /\(Dee\) has been deactivated/,
    );
  });

  it('guards unknown API paths too, then answers a JSON 404', async () => {
    await unauthorizedMessage(await t.app.request('/api/v2/nothing'));
    const res = await t.app.request('/api/v2/nothing', { headers: authHeaders(t.token) });
    expect(res.status).toBe(404);
    expect(apiError.parse(await res.json()).error.code).toBe('not_found');
  });

  it('GET /api/v1/me says who the token belongs to', async () => {
    const res = await t.app.request(`${API_PREFIX}/me`, { headers: authHeaders(t.token) });
    expect(res.status).toBe(200);
    expect(me.parse(await res.json()).user).toMatchObject({ name: 'Admin', role: 'admin' });
  });

  it('records last use, but does not write again within a minute', async () => {
    let now = new Date('2030-01-01T10:00:00.000Z');
    const timed = await makeTestApp({ now: () => now });
    try {
      const lastUsed = async () => (await timed.store.accounts.findBearer(hashToken(timed.token)))?.token.lastUsedAt;
      expect(await lastUsed()).toBeNull();
      await callApi(timed.app, 'GET', '/me', { token: timed.token });
      expect(await lastUsed()).toBe('2030-01-01T10:00:00.000Z');
      now = new Date('2030-01-01T10:00:59.000Z');
      await callApi(timed.app, 'GET', '/me', { token: timed.token });
      expect(await lastUsed()).toBe('2030-01-01T10:00:00.000Z');
      now = new Date('2030-01-01T10:01:00.000Z');
      await callApi(timed.app, 'GET', '/me', { token: timed.token });
      expect(await lastUsed()).toBe('2030-01-01T10:01:00.000Z');
    } finally {
      await timed.close();
    }
  });

  it('narrows a capture-scoped token to capturing, customer suggestions and who-am-I', async () => {
    const { token } = await addMember(t.store, { role: 'admin', scope: 'capture', password: null });
    expect((await callApi(t.app, 'GET', '/me', { token })).status).toBe(200);
    expect((await callApi(t.app, 'GET', '/customers', { token })).status).toBe(200);
    const refused = await callApi(t.app, 'GET', '/members', { token });
    expect(refused.status).toBe(403);
    expect(apiError.parse(await refused.json()).error.message).toMatch(/capture-only token/);
  });
});

describe('bearer token and session cookie together', () => {
  it('lets the bearer token win, and needs no CSRF token with it', async () => {
    const guest = await addSignedInMember(t, { role: 'guest' });
    // The guest's cookie alone could not list members; the admin's token can, without CSRF.
    const res = await t.app.request(`${API_PREFIX}/members`, {
      headers: { ...authHeaders(t.token), Cookie: guest.session.cookie },
    });
    expect(res.status).toBe(200);
    const write = await t.app.request(`${API_PREFIX}/tags`, {
      method: 'PUT',
      headers: { ...authHeaders(t.token), Cookie: guest.session.cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ tags: ['a'] }),
    });
    expect(write.status).toBe(200);
  });

  it('ignores stale credentials on public routes, so a revoked extension can pair again', async () => {
    const res = await t.app.request(`${API_PREFIX}/pairings`, {
      method: 'POST',
      headers: { ...authHeaders('snag_revoked_or_unknown'), Cookie: 'snag_session=gone', 'Content-Type': 'application/json' },
      body: JSON.stringify({ deviceName: 'Chrome on Mac' }),
    });
    expect(res.status).toBe(201);
  });

  it('treats an unknown session cookie as signed out', async () => {
    const res = await t.app.request(`${API_PREFIX}/me`, { headers: sessionHeaders({ cookie: 'snag_session=nope', csrfToken: 'x' }) });
    expect(await unauthorizedMessage(res)).toMatch(/session has ended/);
    expect(res.headers.get(CSRF_HEADER)).toBeNull();
  });
});

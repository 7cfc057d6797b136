import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_PREFIX, apiError, health, me } from '#shared/api';
import { hashToken } from '../../server/tokens';
import { authHeaders, makeTestApp, type TestApp } from './helpers';

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

describe('token auth on /api/*', () => {
  it('says when the Authorization header is missing', async () => {
    expect(await unauthorizedMessage(await t.app.request(`${API_PREFIX}/me`))).toMatch(/missing Authorization header/);
  });

  it('says when the header is not a Bearer token', async () => {
    const res = await t.app.request(`${API_PREFIX}/me`, { headers: { Authorization: `Basic ${t.token}` } });
    expect(await unauthorizedMessage(res)).toMatch(/Bearer/);
  });

  it('says when the token is not recognised', async () => {
    const res = await t.app.request(`${API_PREFIX}/me`, { headers: authHeaders(`${t.token}x`) });
    expect(await unauthorizedMessage(res)).toMatch(/not recognised/);
  });

  it('says when the token was revoked', async () => {
    const db = new BetterSqlite3(join(t.dataDir, 'snag.db'));
    db.prepare('update tokens set revoked_at = ? where token_hash = ?').run(new Date().toISOString(), hashToken(t.token));
    db.close();
    const res = await t.app.request(`${API_PREFIX}/me`, { headers: authHeaders(t.token) });
    expect(await unauthorizedMessage(res)).toMatch(/revoked/);
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

  it('records last use, but does not write again on every request', async () => {
    expect((await t.store.findToken(hashToken(t.token)))?.lastUsedAt).toBeNull();
    await t.app.request(`${API_PREFIX}/me`, { headers: authHeaders(t.token) });
    const first = (await t.store.findToken(hashToken(t.token)))?.lastUsedAt;
    expect(first).toEqual(expect.any(String));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await t.app.request(`${API_PREFIX}/me`, { headers: authHeaders(t.token) });
    expect((await t.store.findToken(hashToken(t.token)))?.lastUsedAt).toBe(first);
  });
});

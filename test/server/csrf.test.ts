import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '#shared/account';
import { API_PREFIX, apiError } from '#shared/api';
import { addSignedInMember, callApi, makeTestApp, type TestApp } from './helpers';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

const putTags = (headers: Record<string, string>) =>
  t.app.request(`${API_PREFIX}/tags`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ tags: ['changed'] }),
  });

async function expectCsrfRefusal(res: Response): Promise<void> {
  expect(res.status).toBe(403);
  const body = apiError.parse(await res.json());
  expect(body.error.code).toBe('csrf');
  expect(body.error.message).toMatch(/X-CSRF-Token/);
}

describe('CSRF protection of cookie sessions', () => {
  it('refuses a write that rides the cookie without the CSRF token, and changes nothing', async () => {
    const admin = await addSignedInMember(t, { role: 'admin' });
    await expectCsrfRefusal(await putTags({ Cookie: admin.session.cookie }));
    const tags = await (await callApi(t.app, 'GET', '/tags', { session: admin.session })).json();
    expect(tags).not.toEqual({ tags: ['changed'] });
  });

  it('refuses a wrong CSRF token, including the one of another session', async () => {
    const admin = await addSignedInMember(t, { role: 'admin' });
    const other = await addSignedInMember(t, { role: 'admin' });
    await expectCsrfRefusal(await putTags({ Cookie: admin.session.cookie, [CSRF_HEADER]: 'guess' }));
    await expectCsrfRefusal(await putTags({ Cookie: admin.session.cookie, [CSRF_HEADER]: other.session.csrfToken }));
    await expectCsrfRefusal(await putTags({ Cookie: admin.session.cookie, [CSRF_HEADER]: '' }));
  });

  it('lets the write through with the session’s CSRF token', async () => {
    const admin = await addSignedInMember(t, { role: 'admin' });
    const res = await putTags({ Cookie: admin.session.cookie, [CSRF_HEADER]: admin.session.csrfToken });
    expect(res.status).toBe(200);
  });

  it('needs no CSRF token to read', async () => {
    const admin = await addSignedInMember(t, { role: 'admin' });
    expect((await callApi(t.app, 'GET', '/members', { session: admin.session, csrf: false })).status).toBe(200);
  });

  it('protects signing out and signing out everywhere too', async () => {
    const member = await addSignedInMember(t, { role: 'member' });
    await expectCsrfRefusal(await callApi(t.app, 'DELETE', '/session', { session: member.session, csrf: false }));
    await expectCsrfRefusal(await callApi(t.app, 'POST', '/session/revoke-all', { session: member.session, csrf: false }));
    expect((await callApi(t.app, 'GET', '/me', { session: member.session })).status).toBe(200);
  });

  it('does not stand in the way of public routes: signing in again from a tab that lost its token works', async () => {
    const member = await addSignedInMember(t, { role: 'member' });
    const res = await t.app.request(`${API_PREFIX}/session`, {
      method: 'POST',
      headers: { Cookie: member.session.cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: member.email, password: member.password }),
    });
    expect(res.status).toBe(200);
  });

  it('refuses a cross-site form post: only JSON bodies are read', async () => {
    const admin = await addSignedInMember(t, { role: 'admin' });
    const res = await t.app.request(`${API_PREFIX}/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: admin.session.cookie },
      body: `email=${encodeURIComponent(admin.email)}&password=x`,
    });
    expect(res.status).toBe(415);
  });
});

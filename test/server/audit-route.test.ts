import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiError } from '#shared/api';
import { auditPage } from '#shared/audit';
import { addMember, API_PREFIX, authHeaders, callApi, makeTestApp, type TestApp } from './helpers';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('GET /audit', () => {
  it('lists what happened, newest first, filtered by action and actor, paged with before', async () => {
    await callApi(t.app, 'PUT', '/tags', { token: t.token }, { tags: ['one'] });
    await callApi(t.app, 'PUT', '/tags', { token: t.token }, { tags: ['one', 'two'] });
    await callApi(t.app, 'POST', '/tokens', { token: t.token }, { name: 'ci', scope: 'full' });

    const all = auditPage.parse(await (await callApi(t.app, 'GET', '/audit', { token: t.token })).json());
    expect(all.entries.map((e) => e.action)).toEqual(['token.created', 'tags.changed', 'tags.changed']);
    expect(all.entries[1]).toMatchObject({ actor: { name: 'Admin' }, ip: 'unknown', details: { tags: 2 } });

    const tags = auditPage.parse(await (await callApi(t.app, 'GET', '/audit?action=tags.changed&limit=1', { token: t.token })).json());
    expect(tags.entries).toHaveLength(1);
    expect(tags.nextBefore).toEqual(expect.any(String));
    const actorId = all.entries[0]?.actor?.id ?? '';
    const byActor = auditPage.parse(await (await callApi(t.app, 'GET', `/audit?actor=${actorId}`, { token: t.token })).json());
    expect(byActor.entries).toHaveLength(3);
  });

  it('keeps ids and counts, never captured content: an export records which filters it used, not their values', async () => {
    const exported = await t.app.request(`${API_PREFIX}/export/captures?format=csv&customer=Globex%20Ltd&q=jane%40example.com&status=new&status=triaged`, {
      headers: authHeaders(t.token),
    });
    expect(exported.status).toBe(200);
    await exported.text();
    const page = auditPage.parse(await (await callApi(t.app, 'GET', '/audit?action=export.created', { token: t.token })).json());
    expect(page.entries[0]?.details).toMatchObject({ format: 'csv', filter: 'customer,format,q,status' });
    expect(JSON.stringify(page).toLowerCase()).not.toMatch(/globex|jane/);
  });

  it('names a bad query parameter', async () => {
    const res = await callApi(t.app, 'GET', '/audit?action=made.up', { token: t.token });
    expect(res.status).toBe(400);
    expect(apiError.parse(await res.json()).error.issues?.[0]?.path).toBe('action');
  });

  it('is for admins only', async () => {
    const ops = await addMember(t.store, { role: 'ops', password: null });
    expect((await callApi(t.app, 'GET', '/audit', { token: ops.token })).status).toBe(403);
  });
});

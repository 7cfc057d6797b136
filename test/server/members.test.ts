import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { member as memberSchema, memberList } from '#shared/account';
import { apiError } from '#shared/api';
import { auditPage } from '#shared/audit';
import { hashToken } from '../../server/auth/tokens';
import { addMember, addSignedInMember, callApi, makeTestApp, type TestApp } from './helpers';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

const admin = () => ({ token: t.token });
const patch = (id: string, body: unknown, as: { token: string } = admin()) => callApi(t.app, 'PATCH', `/members/${id}`, as, body);

async function adminId(): Promise<string> {
  const found = await t.store.accounts.findBearer(hashToken(t.token));
  if (found === null) throw new Error('no admin');
  return found.user.id;
}

describe('GET /members', () => {
  it('lists everyone with email, role, active flag and times, for admins only', async () => {
    const ann = await addMember(t.store, { name: 'Ann', role: 'ops', email: 'ann@example.com' });
    const res = await callApi(t.app, 'GET', '/members', admin());
    expect(res.status).toBe(200);
    const { members } = memberList.parse(await res.json());
    expect(members.map((m) => m.name)).toEqual(['Admin', 'Ann']);
    expect(members[1]).toEqual({
      id: ann.user.id,
      name: 'Ann',
      email: 'ann@example.com',
      role: 'ops',
      active: true,
      createdAt: ann.user.createdAt,
      lastSeenAt: null,
    });
    expect((await callApi(t.app, 'GET', '/members', { token: ann.token })).status).toBe(403);
  });

  it('shows when a member was last seen', async () => {
    const ann = await addMember(t.store, { name: 'Ann' });
    await callApi(t.app, 'GET', '/me', { token: ann.token });
    const { members } = memberList.parse(await (await callApi(t.app, 'GET', '/members', admin())).json());
    expect(members.find((m) => m.id === ann.user.id)?.lastSeenAt).toEqual(expect.any(String));
  });
});

describe('PATCH /members/:id', () => {
  it('changes a role and audits it with before and after', async () => {
    const ann = await addMember(t.store, { name: 'Ann', role: 'member' });
    expect((await callApi(t.app, 'GET', '/people', { token: ann.token })).status).toBe(200);
    const res = await patch(ann.user.id, { role: 'guest' });
    expect(res.status).toBe(200);
    expect(memberSchema.parse(await res.json())).toMatchObject({ id: ann.user.id, role: 'guest', active: true });
    // The new role applies to the very next request.
    expect((await callApi(t.app, 'GET', '/people', { token: ann.token })).status).toBe(403);
    const audit = auditPage.parse(await (await callApi(t.app, 'GET', '/audit?action=member.role_changed', admin())).json());
    expect(audit.entries[0]).toMatchObject({ target: ann.user.id, actor: { name: 'Admin' }, details: { from: 'member', to: 'guest' } });
  });

  it('deactivates a member: their sessions and tokens stop working at once; reactivating needs new ones', async () => {
    const ann = await addSignedInMember(t, { role: 'member' });
    const res = await patch(ann.user.id, { active: false });
    expect(memberSchema.parse(await res.json()).active).toBe(false);
    expect((await callApi(t.app, 'GET', '/me', { token: ann.token })).status).toBe(401);
    expect((await callApi(t.app, 'GET', '/me', { session: ann.session })).status).toBe(401);

    expect(memberSchema.parse(await (await patch(ann.user.id, { active: true })).json()).active).toBe(true);
    expect((await callApi(t.app, 'GET', '/me', { token: ann.token })).status).toBe(401);
    const actions = auditPage.parse(await (await callApi(t.app, 'GET', '/audit', admin())).json()).entries.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['member.deactivated', 'member.reactivated']));
  });

  it('refuses to demote or deactivate the last active admin (409)', async () => {
    const id = await adminId();
    for (const body of [{ role: 'ops' }, { active: false }]) {
      const res = await patch(id, body);
      expect(res.status).toBe(409);
      expect(apiError.parse(await res.json()).error.code).toBe('last_admin');
    }
    const second = await addMember(t.store, { role: 'admin' });
    expect((await patch(id, { role: 'ops' })).status).toBe(200);
    expect((await patch(second.user.id, { active: false }, { token: second.token })).status).toBe(409);
  });

  it('answers 404 for an unknown member and 400 naming the field for a bad body', async () => {
    expect((await patch('0190d1d4-0000-7000-8000-000000000000', { role: 'ops' })).status).toBe(404);
    const ann = await addMember(t.store);
    const bad = await patch(ann.user.id, { role: 'owner' });
    expect(bad.status).toBe(400);
    expect(apiError.parse(await bad.json()).error.issues?.[0]?.path).toBe('role');
    expect((await patch(ann.user.id, {})).status).toBe(400);
    expect((await patch(ann.user.id, { role: 'ops', extra: 1 })).status).toBe(400);
  });

  it('is for admins only', async () => {
    const ops = await addMember(t.store, { role: 'ops' });
    const ann = await addMember(t.store);
    expect((await patch(ann.user.id, { role: 'admin' }, { token: ops.token })).status).toBe(403);
  });
});

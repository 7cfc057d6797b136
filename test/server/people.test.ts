import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { peopleList } from '#shared/account';
import { addMember, callApi, makeTestApp, type TestApp } from './helpers';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('GET /people', () => {
  it('lists active members by name with their role, without emails', async () => {
    const bea = await addMember(t.store, { name: 'Bea', role: 'guest', password: null });
    const zed = await addMember(t.store, { name: 'Zed', role: 'ops', password: null });
    const gone = await addMember(t.store, { name: 'Gone', password: null });
    await callApi(t.app, 'PATCH', `/members/${gone.user.id}`, { token: t.token }, { active: false });

    const res = await callApi(t.app, 'GET', '/people', { token: zed.token });
    expect(res.status).toBe(200);
    const { people } = peopleList.parse(await res.json());
    expect(people.map((p) => [p.name, p.role])).toEqual([
      ['Admin', 'admin'],
      ['Bea', 'guest'],
      ['Zed', 'ops'],
    ]);
    expect(people[1]).toEqual({ id: bea.user.id, name: 'Bea', role: 'guest' });
  });

  it('is not for guests, who see only their own captures', async () => {
    const guest = await addMember(t.store, { role: 'guest', password: null });
    expect((await callApi(t.app, 'GET', '/people', { token: guest.token })).status).toBe(403);
  });
});

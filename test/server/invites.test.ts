import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inviteCreated, inviteList, invitePeek, sessionInfo } from '#shared/account';
import { apiError } from '#shared/api';
import { auditPage } from '#shared/audit';
import { addMember, callApi, makeTestApp, sessionCookieFrom, type TestApp } from './helpers';

const HOUR = 60 * 60 * 1000;
let now: Date;
let t: TestApp;
beforeEach(async () => {
  now = new Date('2030-01-01T10:00:00.000Z');
  t = await makeTestApp({ now: () => now });
});
afterEach(async () => {
  await t.close();
});

async function invite(body: Record<string, unknown> = { role: 'member' }) {
  const res = await callApi(t.app, 'POST', '/invites', { token: t.token }, body);
  expect(res.status).toBe(201);
  return inviteCreated.parse(await res.json());
}

const peek = (token: string) => callApi(t.app, 'POST', '/invites/peek', null, { token });
const accept = (token: string, overrides: Record<string, unknown> = {}) =>
  callApi(t.app, 'POST', '/invites/accept', null, {
    token,
    name: 'Nia Newcomer',
    email: 'nia@example.com',
    password: 'a long enough password',
    ...overrides,
  });

async function expectCode(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(apiError.parse(await res.json()).error.code).toBe(code);
}

describe('creating and listing invites', () => {
  it('creates an invite with a one-time token and the dashboard path, expiring in 72 hours by default', async () => {
    const created = await invite({ role: 'ops', email: 'Nia@Example.com' });
    expect(created.path).toBe(`/#/invite/${created.token}`);
    expect(created.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.invite).toMatchObject({
      role: 'ops',
      email: 'nia@example.com',
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + 72 * HOUR).toISOString(),
      invitedBy: { name: 'Admin' },
    });
    const audit = auditPage.parse(await (await callApi(t.app, 'GET', '/audit?action=member.invited', { token: t.token })).json());
    expect(audit.entries[0]).toMatchObject({ target: created.invite.id, details: { role: 'ops', email: 'nia@example.com' } });
    // The token is not kept anywhere it could be read back.
    expect(JSON.stringify(audit)).not.toContain(created.token);
  });

  it('lists pending invites only, and deletes one', async () => {
    const first = await invite({ role: 'member', expiresInHours: 1 });
    const second = await invite({ role: 'guest' });
    const used = await invite({ role: 'member' });
    expect((await accept(used.token)).status).toBe(201);
    now = new Date(now.getTime() + 2 * HOUR);
    const pending = inviteList.parse(await (await callApi(t.app, 'GET', '/invites', { token: t.token })).json());
    expect(pending.invites.map((i) => i.id)).toEqual([second.invite.id]);

    expect((await callApi(t.app, 'DELETE', `/invites/${second.invite.id}`, { token: t.token })).status).toBe(204);
    expect((await peek(second.token)).status).toBe(404);
    expect((await callApi(t.app, 'DELETE', `/invites/${second.invite.id}`, { token: t.token })).status).toBe(404);
    expect(first.invite.role).toBe('member');
  });

  it('refuses bad input with the field named, and non-admins', async () => {
    const res = await callApi(t.app, 'POST', '/invites', { token: t.token }, { role: 'member', expiresInHours: 337 });
    expect(res.status).toBe(400);
    expect(apiError.parse(await res.json()).error.issues?.[0]?.path).toBe('expiresInHours');
    const ops = await addMember(t.store, { role: 'ops', password: null });
    expect((await callApi(t.app, 'POST', '/invites', { token: ops.token }, { role: 'member' })).status).toBe(403);
  });
});

describe('POST /invites/peek', () => {
  it('shows what the invite is for, without signing in', async () => {
    const created = await invite({ role: 'guest', email: 'nia@example.com' });
    const res = await peek(created.token);
    expect(res.status).toBe(200);
    expect(invitePeek.parse(await res.json())).toEqual({
      role: 'guest',
      email: 'nia@example.com',
      expiresAt: created.invite.expiresAt,
      invitedBy: { name: 'Admin' },
    });
  });

  it('answers 404 for an unknown token and 410 for a used or expired one', async () => {
    expect((await peek('not-a-real-invite-token')).status).toBe(404);
    const used = await invite();
    await accept(used.token);
    await expectCode(await peek(used.token), 410, 'invite_used');
    const old = await invite({ role: 'member', expiresInHours: 1 });
    now = new Date(now.getTime() + HOUR);
    await expectCode(await peek(old.token), 410, 'invite_expired');
  });
});

describe('POST /invites/accept', () => {
  it('creates the member with the invite’s role and signs them in', async () => {
    const created = await invite({ role: 'ops' });
    const res = await accept(created.token, { email: '  Nia@Example.com ' });
    expect(res.status).toBe(201);
    const body = sessionInfo.parse(await res.json());
    expect(body.user).toMatchObject({ name: 'Nia Newcomer', email: 'nia@example.com', role: 'ops' });
    const session = { cookie: sessionCookieFrom(res), csrfToken: body.csrfToken };
    const me = await callApi(t.app, 'GET', '/me', { session });
    expect(await me.json()).toEqual({ user: { id: body.user.id, name: 'Nia Newcomer', role: 'ops' } });
    // And can sign in again later with the password chosen.
    const again = await callApi(t.app, 'POST', '/session', null, { email: 'nia@example.com', password: 'a long enough password' });
    expect(again.status).toBe(200);
    const audit = auditPage.parse(await (await callApi(t.app, 'GET', '/audit?action=member.joined', { token: t.token })).json());
    expect(audit.entries[0]).toMatchObject({ actor: { id: body.user.id }, details: { role: 'ops', invite: created.invite.id } });
  });

  it('works once', async () => {
    const created = await invite();
    expect((await accept(created.token)).status).toBe(201);
    await expectCode(await accept(created.token, { email: 'someone.else@example.com' }), 410, 'invite_used');
  });

  it('refuses an expired invite', async () => {
    const created = await invite({ role: 'member', expiresInHours: 2 });
    now = new Date(now.getTime() + 2 * HOUR);
    await expectCode(await accept(created.token), 410, 'invite_expired');
  });

  it('refuses an email that is already a member (409, field email) and one the invite is not for (400)', async () => {
    await addMember(t.store, { email: 'taken@example.com', password: null });
    const open = await invite();
    const taken = await accept(open.token, { email: 'taken@example.com' });
    expect(taken.status).toBe(409);
    expect(apiError.parse(await taken.json()).error.issues?.[0]?.path).toBe('email');

    const addressed = await invite({ role: 'member', email: 'only@example.com' });
    const wrong = await accept(addressed.token, { email: 'nia@example.com' });
    expect(wrong.status).toBe(400);
    expect(apiError.parse(await wrong.json()).error.issues?.[0]?.path).toBe('email');
    // Neither attempt used the invites up.
    expect((await accept(open.token)).status).toBe(201);
  });

  it('wants a password of 12 characters or more, a name and a real email', async () => {
    const created = await invite();
    for (const [field, value] of [
      ['password', 'short'],
      ['name', '   '],
      ['email', 'not-an-email'],
    ] as const) {
      const res = await accept(created.token, { [field]: value });
      expect(res.status).toBe(400);
      expect(apiError.parse(await res.json()).error.issues?.[0]?.path).toBe(field);
    }
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tokenCreated, tokenList } from '#shared/account';
import { apiError } from '#shared/api';
import { auditPage } from '#shared/audit';
import { addMember, addSignedInMember, callApi, makeTestApp, type TestApp } from './helpers';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

async function create(as: { token: string }, name: string, scope: 'full' | 'capture' = 'full') {
  const res = await callApi(t.app, 'POST', '/tokens', as, { name, scope });
  expect(res.status).toBe(201);
  return tokenCreated.parse(await res.json());
}

describe('API tokens', () => {
  it('creates a token whose secret is shown once and works as a bearer token with the scope asked for', async () => {
    const ann = await addMember(t.store, { role: 'ops', password: null });
    const created = await create({ token: ann.token }, 'Nightly export', 'capture');
    expect(created.secret).toMatch(/^snag_[A-Za-z0-9_-]{43}$/);
    expect(created.token).toMatchObject({ name: 'Nightly export', scope: 'capture', lastUsedAt: null, revokedAt: null });
    expect((await callApi(t.app, 'GET', '/me', { token: created.secret })).status).toBe(200);
    // A capture-scoped token cannot do what its owner's role could.
    expect((await callApi(t.app, 'GET', '/people', { token: created.secret })).status).toBe(403);
    const listed = tokenList.parse(await (await callApi(t.app, 'GET', '/tokens', { token: ann.token })).json());
    expect(JSON.stringify(listed)).not.toContain(created.secret);
  });

  it("lists the caller's own tokens, newest first; admins can ask for everyone's with ?all=1", async () => {
    const ann = await addMember(t.store, { name: 'Ann', password: null });
    await create({ token: ann.token }, 'script');
    const own = tokenList.parse(await (await callApi(t.app, 'GET', '/tokens', { token: ann.token })).json());
    expect(own.tokens.map((tok) => tok.name)).toEqual(['script', 'test']);
    expect(own.tokens[0]?.user).toBeUndefined();

    const all = tokenList.parse(await (await callApi(t.app, 'GET', '/tokens?all=1', { token: t.token })).json());
    expect(all.tokens.map((tok) => [tok.name, tok.user?.name])).toEqual([
      ['script', 'Ann'],
      ['test', 'Ann'],
      ['ADMIN_TOKEN', 'Admin'],
    ]);
    const refused = await callApi(t.app, 'GET', '/tokens?all=1', { token: ann.token });
    expect(refused.status).toBe(403);
  });

  it('revokes: the token stops working at once and stays listed with when', async () => {
    const ann = await addMember(t.store, { password: null });
    const created = await create({ token: ann.token }, 'laptop');
    expect((await callApi(t.app, 'DELETE', `/tokens/${created.token.id}`, { token: ann.token })).status).toBe(204);
    const res = await callApi(t.app, 'GET', '/me', { token: created.secret });
    expect(res.status).toBe(401);
    expect(apiError.parse(await res.json()).error.message).toMatch(/revoked/);
    const listed = tokenList.parse(await (await callApi(t.app, 'GET', '/tokens', { token: ann.token })).json());
    expect(listed.tokens.find((tok) => tok.id === created.token.id)?.revokedAt).toEqual(expect.any(String));
    // Revoking again is harmless.
    expect((await callApi(t.app, 'DELETE', `/tokens/${created.token.id}`, { token: ann.token })).status).toBe(204);
  });

  it("does not let a member revoke (or learn of) someone else's token, but lets an admin", async () => {
    const ann = await addMember(t.store, { password: null });
    const bob = await addMember(t.store, { password: null });
    const annToken = await create({ token: ann.token }, 'ann script');
    expect((await callApi(t.app, 'DELETE', `/tokens/${annToken.token.id}`, { token: bob.token })).status).toBe(404);
    expect((await callApi(t.app, 'GET', '/me', { token: annToken.secret })).status).toBe(200);
    expect((await callApi(t.app, 'DELETE', `/tokens/${annToken.token.id}`, { token: t.token })).status).toBe(204);
    expect((await callApi(t.app, 'GET', '/me', { token: annToken.secret })).status).toBe(401);
  });

  it('audits creation and revocation without the secret', async () => {
    const created = await create({ token: t.token }, 'ci', 'full');
    await callApi(t.app, 'DELETE', `/tokens/${created.token.id}`, { token: t.token });
    const audit = auditPage.parse(await (await callApi(t.app, 'GET', '/audit', { token: t.token })).json());
    expect(audit.entries.map((e) => [e.action, e.target])).toEqual([
      ['token.revoked', created.token.id],
      ['token.created', created.token.id],
    ]);
    expect(JSON.stringify(audit)).not.toContain(created.secret);
  });

  it('works from a dashboard session too', async () => {
    const ann = await addSignedInMember(t, { role: 'guest' });
    const res = await callApi(t.app, 'POST', '/tokens', { session: ann.session }, { name: 'from the dashboard', scope: 'full' });
    expect(res.status).toBe(201);
  });

  it('names a bad field', async () => {
    const res = await callApi(t.app, 'POST', '/tokens', { token: t.token }, { name: 'x', scope: 'admin' });
    expect(res.status).toBe(400);
    expect(apiError.parse(await res.json()).error.issues?.[0]?.path).toBe('scope');
  });
});

import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { effectivePermissions } from '#shared/roles';
import type { AppEnv } from '../../server/env';
import { EventBus } from '../../server/live/event-bus';
import { eventRoutes } from '../../server/routes/review/events';
import {
  addMember,
  API_PREFIX,
  authHeaders,
  callApi,
  makeTestApp,
  postCapture,
  sampleCaptureInput,
  sessionFor,
  type TestApp,
} from './helpers';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

type Reader = ReadableStreamDefaultReader<Uint8Array>;

async function openStream(headers: Record<string, string>): Promise<Reader> {
  const res = await t.app.request(`${API_PREFIX}/events`, { headers });
  expect(res.status).toBe(200);
  const reader = res.body?.getReader();
  if (reader === undefined) throw new Error('no body');
  expect(await readUntil(reader, 'retry: ')).toContain('retry: ');
  return reader;
}

/** Reads until `wanted` appears or the stream ends; says which and what was read. */
async function readUntil(reader: Reader, wanted: string): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  while (!text.includes(wanted)) {
    const chunk = await reader.read();
    if (chunk.done) return `${text}<ended>`;
    text += decoder.decode(chunk.value, { stream: true });
  }
  return text;
}

/** After the change, a new capture must not reach the stream: it has ended instead. */
async function expectEndedWithoutDelivery(reader: Reader): Promise<void> {
  expect((await postCapture(t, sampleCaptureInput())).status).toBe(201);
  const rest = await readUntil(reader, 'event: capture');
  expect(rest).not.toContain('event: capture');
  expect(rest.endsWith('<ended>')).toBe(true);
}

async function expectDelivery(reader: Reader): Promise<void> {
  expect(await readUntil(reader, 'event: capture')).toContain('event: capture');
  await reader.cancel();
}

describe('an open /events stream loses access with its caller', { timeout: 30_000 }, () => {
  it('ends when the member is deactivated', async () => {
    const ops = await addMember(t.store, { role: 'ops', password: null });
    const stream = await openStream(authHeaders(ops.token));
    expect((await callApi(t.app, 'PATCH', `/members/${ops.user.id}`, { token: t.token }, { active: false })).status).toBe(200);
    await expectEndedWithoutDelivery(stream);
  });

  it('ends when its token is revoked, and only that token’s streams', async () => {
    const ops = await addMember(t.store, { role: 'ops', password: null });
    const created = await callApi(t.app, 'POST', '/tokens', { token: ops.token }, { name: 'second', scope: 'full' });
    const { secret } = (await created.json()) as { secret: string };
    const revoked = await openStream(authHeaders(ops.token));
    const kept = await openStream(authHeaders(secret));
    const [first] = (await t.store.accounts.listTokens({ userId: ops.user.id })).filter((token) => token.name !== 'second');
    expect((await callApi(t.app, 'DELETE', `/tokens/${first?.id ?? ''}`, { token: secret })).status).toBe(204);
    await expectEndedWithoutDelivery(revoked);
    await expectDelivery(kept);
  });

  it('ends when the session signs out, and only that session’s streams; signing out everywhere ends the rest', async () => {
    // Sessions made in the store: no password hashing, so the test does not race its timeout.
    const ops = await addMember(t.store, { role: 'ops', password: null });
    const other = await addMember(t.store, { role: 'ops', password: null });
    const [opsSession, otherSession] = [await sessionFor(t.store, ops.user.id), await sessionFor(t.store, other.user.id)];
    const ended = await openStream({ Cookie: opsSession.cookie });
    const stillOpen = await openStream({ Cookie: otherSession.cookie });
    const byToken = await openStream(authHeaders(other.token));
    expect((await callApi(t.app, 'DELETE', '/session', { session: opsSession })).status).toBe(204);
    await expectEndedWithoutDelivery(ended);
    // The other person's streams heard that capture.
    for (const open of [stillOpen, byToken]) expect(await readUntil(open, 'event: capture')).toContain('event: capture');

    expect((await callApi(t.app, 'POST', '/session/revoke-all', { session: otherSession })).status).toBe(204);
    await expectEndedWithoutDelivery(stillOpen);
    // Signing out everywhere ends sessions, not API tokens.
    await expectDelivery(byToken);
  });

  it('ends when the role changes, and a new stream gets the new role’s view', async () => {
    const ops = await addMember(t.store, { role: 'ops', password: null });
    const stream = await openStream(authHeaders(ops.token));
    expect((await callApi(t.app, 'PATCH', `/members/${ops.user.id}`, { token: t.token }, { role: 'guest' })).status).toBe(200);
    await expectEndedWithoutDelivery(stream);

    const asGuest = await openStream(authHeaders(ops.token));
    expect((await postCapture(t, sampleCaptureInput())).status).toBe(201);
    const own = sampleCaptureInput();
    expect((await postCapture({ app: t.app, token: ops.token }, own)).status).toBe(201);
    const text = await readUntil(asGuest, own.id);
    expect(text.match(/event: capture/g)).toHaveLength(1);
    await asGuest.cancel();
  });

  it('ends at the next ping when access went away without an announcement', async () => {
    const ops = await addMember(t.store, { role: 'ops', password: null });
    const [token] = await t.store.accounts.listTokens({ userId: ops.user.id });
    if (token === undefined) throw new Error('no token');
    const bus = new EventBus();
    const user = { id: ops.user.id, name: ops.user.name, role: ops.user.role };
    const app = new Hono<AppEnv>()
      .use('*', async (c, next) => {
        c.set('auth', { user, via: 'token', scope: 'full', permissions: effectivePermissions('ops'), tokenId: token.id });
        await next();
      })
      .route('/events', eventRoutes(bus, { pingIntervalMs: 10, accounts: t.store.accounts }));
    const reader = (await app.request('/events')).body?.getReader();
    if (reader === undefined) throw new Error('no body');
    expect(await readUntil(reader, ': ping')).toContain(': ping');
    // Straight in the store: nothing is published on the bus.
    await t.store.accounts.revokeToken(token.id, new Date().toISOString());
    expect((await readUntil(reader, 'never')).endsWith('<ended>')).toBe(true);
    expect(bus.size).toBe(0);
  });
});

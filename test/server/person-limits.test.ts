import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pairingCreated } from '#shared/account';
import { apiError } from '#shared/api';
import { createApp } from '../../server/app';
import type { PersonLimits } from '../../server/limits';
import {
  addMember,
  addSignedInMember,
  API_PREFIX,
  authHeaders,
  callApi,
  fakePng,
  makeTestApp,
  postCapture,
  putScreenshot,
  sampleCaptureInput,
  type TestApp,
} from './helpers';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

const appWith = (limits: Partial<PersonLimits>) => createApp({ store: t.store, screenshots: t.screenshots, limits });

async function expectError(res: Response, status: number, code: string): Promise<string> {
  expect(res.status).toBe(status);
  const body = apiError.parse(await res.json());
  expect(body.error.code).toBe(code);
  return body.error.message;
}

describe('tokens per person', { timeout: 30_000 }, () => {
  it('refuses a token past the cap with 409 naming the remedy, also under concurrency, and counts revoked ones out', async () => {
    const app = appWith({ tokensPerPerson: 5 });
    const guest = await addMember(t.store, { role: 'guest', password: null });
    // The guest holds 1 already (addMember's); 10 concurrent asks leave room for 4.
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => callApi(app, 'POST', '/tokens', { token: guest.token }, { name: `t${i}`, scope: 'full' })),
    );
    expect(results.filter((res) => res.status === 201)).toHaveLength(4);
    const refused = results.find((res) => res.status === 409);
    if (refused === undefined) throw new Error('nothing was refused');
    expect(await expectError(refused, 409, 'limit_reached')).toMatch(/revoke one/);

    const list = await (await callApi(app, 'GET', '/tokens', { token: guest.token })).json();
    const someId = (list as { tokens: { id: string }[] }).tokens[0]?.id ?? '';
    expect((await callApi(app, 'DELETE', `/tokens/${someId}`, { token: guest.token })).status).toBe(204);
    expect((await callApi(app, 'POST', '/tokens', { token: guest.token }, { name: 'again', scope: 'full' })).status).toBe(201);
  });

  it('counts an approved pairing as a token held', async () => {
    const app = appWith({ tokensPerPerson: 2 });
    const guest = await addSignedInMember({ app, store: t.store }, { role: 'guest' });
    const pair = async () => {
      const started = pairingCreated.parse(await (await callApi(app, 'POST', '/pairings', null, { deviceName: 'Chrome' })).json());
      return callApi(app, 'POST', '/pairings/confirm', { session: guest.session }, { userCode: started.userCode });
    };
    expect((await pair()).status).toBe(200);
    await expectError(await pair(), 409, 'limit_reached');
    await expectError(await callApi(app, 'POST', '/tokens', { token: guest.token }, { name: 'x', scope: 'full' }), 409, 'limit_reached');
  });
});

describe('live streams', () => {
  it('caps open streams per person (429) and in total (503), and frees a slot when a stream ends', async () => {
    const app = appWith({ streamsPerPerson: 2, streamsTotal: 3 });
    const ann = await addMember(t.store, { role: 'member', password: null });
    const bob = await addMember(t.store, { role: 'member', password: null });
    const open = (token: string) => app.request(`${API_PREFIX}/events`, { headers: authHeaders(token) });
    const first = await open(ann.token);
    expect(first.status).toBe(200);
    expect((await open(ann.token)).status).toBe(200);
    await expectError(await open(ann.token), 429, 'limit_reached');
    expect((await open(bob.token)).status).toBe(200);
    await expectError(await open(bob.token), 503, 'unavailable');
    await first.body?.cancel();
    expect((await open(ann.token)).status).toBe(200);
  });
});

describe('rate budgets', () => {
  it('are per person: a new token brings no new budget', async () => {
    const app = createApp({ store: t.store, screenshots: t.screenshots, security: { requestsPerMinute: 4 } });
    const ann = await addMember(t.store, { role: 'member', password: null });
    const created = await callApi(app, 'POST', '/tokens', { token: ann.token }, { name: 'second', scope: 'full' });
    const { secret } = (await created.json()) as { secret: string };
    for (const token of [ann.token, secret, ann.token]) expect((await callApi(app, 'GET', '/me', { token })).status).toBe(200);
    expect((await callApi(app, 'GET', '/me', { token: secret })).status).toBe(429);
    expect((await callApi(app, 'GET', '/me', { token: ann.token })).status).toBe(429);
  });
});

describe('storage per person', () => {
  it('answers 413 quota_exceeded with the usage once a person’s screenshots fill the quota, storing nothing', async () => {
    const app = appWith({ storageBytesPerPerson: 10_000 });
    const guest = await addMember(t.store, { role: 'guest', password: null });
    const as = { app, token: guest.token };
    const upload = async (size: number, seed: number) => {
      const input = sampleCaptureInput();
      expect((await postCapture(as, input)).status).toBe(201);
      return putScreenshot(as, input.id, fakePng(size, seed));
    };
    expect((await upload(6000, 1)).status).toBe(201);
    const message = await expectError(await upload(6000, 2), 413, 'quota_exceeded');
    expect(message).toMatch(/quota/);
    expect(message).toContain('SNAG_STORAGE_QUOTA_MB');
    expect((await upload(4000, 3)).status).toBe(201);
    await expectError(await upload(100, 4), 413, 'quota_exceeded');
    expect(await t.screenshots.pendingTempFiles()).toEqual([]);
    // Another person has their own quota.
    const ann = await addMember(t.store, { role: 'member', password: null });
    const input = sampleCaptureInput();
    expect((await postCapture({ app, token: ann.token }, input)).status).toBe(201);
    expect((await putScreenshot({ app, token: ann.token }, input.id, fakePng(6000, 5))).status).toBe(201);
  });

  it('lets racing uploads fill the quota, never pass it', async () => {
    const app = appWith({ storageBytesPerPerson: 10_000 });
    const guest = await addMember(t.store, { role: 'guest', password: null });
    const as = { app, token: guest.token };
    const inputs = Array.from({ length: 6 }, () => sampleCaptureInput());
    for (const input of inputs) expect((await postCapture(as, input)).status).toBe(201);
    const results = await Promise.all(inputs.map((input, n) => putScreenshot(as, input.id, fakePng(3000, n + 10))));
    expect(results.filter((res) => res.status === 201)).toHaveLength(3);
    expect(results.filter((res) => res.status === 413)).toHaveLength(3);
    expect(await t.store.accounts.screenshotBytesOf(guest.user.id)).toBe(9000);
    expect(await t.screenshots.pendingTempFiles()).toEqual([]);
  });
});

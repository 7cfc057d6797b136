import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pairingConfirmed, pairingCreated, pairingPollResult, USER_CODE_ALPHABET } from '#shared/account';
import { apiError } from '#shared/api';
import { auditPage } from '#shared/audit';
import { addSignedInMember, callApi, fromAddress, makeTestApp, postCapture, sampleCaptureInput, type TestApp, type TestMember, type TestSession } from './helpers';

const MINUTE = 60_000;
let now: Date;
let t: TestApp;
let ann: TestMember & { session: TestSession };

beforeEach(async () => {
  now = new Date('2030-01-01T10:00:00.000Z');
  t = await makeTestApp({ now: () => now });
  ann = await addSignedInMember(t, { role: 'member', name: 'Ann' });
});
afterEach(async () => {
  await t.close();
});

async function start(deviceName = 'Chrome on MacBook', address = '192.0.2.1') {
  const res = await callApi(t.app, 'POST', '/pairings', null, { deviceName }, fromAddress(address));
  expect(res.status).toBe(201);
  return pairingCreated.parse(await res.json());
}

const poll = (pairingId: string, pollSecret: string) => callApi(t.app, 'POST', `/pairings/${pairingId}/poll`, null, { pollSecret });
const confirm = (userCode: string, session: TestSession = ann.session) =>
  callApi(t.app, 'POST', '/pairings/confirm', { session }, { userCode });
const deny = (userCode: string) => callApi(t.app, 'POST', '/pairings/deny', { session: ann.session }, { userCode });

async function expectGone(res: Response, code: string) {
  expect(res.status).toBe(410);
  expect(apiError.parse(await res.json()).error.code).toBe(code);
}

describe('pairing the extension', () => {
  it('starts with a code to show, a secret to poll with, 10 minutes and a 2-second interval', async () => {
    const pairing = await start();
    expect(pairing.userCode).toMatch(new RegExp(`^[${USER_CODE_ALPHABET}]{4}-[${USER_CODE_ALPHABET}]{4}$`));
    expect(pairing.userCode).not.toMatch(/[01OIL]/);
    expect(pairing.pollSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pairing.expiresAt).toBe(new Date(now.getTime() + 10 * MINUTE).toISOString());
    expect(pairing.intervalSeconds).toBe(2);
  });

  it('hands the approved capture token to the poller exactly once', async () => {
    const pairing = await start('Firefox at the desk');
    expect(pairingPollResult.parse(await (await poll(pairing.pairingId, pairing.pollSecret)).json())).toEqual({ status: 'pending' });

    // Typed in lower case, without the dash: still the code.
    const typed = pairing.userCode.replace('-', '').toLowerCase();
    const confirmed = await confirm(typed);
    expect(confirmed.status).toBe(200);
    expect(pairingConfirmed.parse(await confirmed.json())).toEqual({ deviceName: 'Firefox at the desk' });

    const res = await poll(pairing.pairingId, pairing.pollSecret);
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const approved = pairingPollResult.parse(await res.json());
    if (approved.status !== 'approved') throw new Error('expected approval');
    expect(approved.user).toEqual({ id: ann.user.id, name: 'Ann', role: 'member' });

    // The token captures as Ann, and can do no more than a capture token may.
    const capture = await postCapture({ app: t.app, token: approved.token }, sampleCaptureInput());
    expect(capture.status).toBe(201);
    expect((await callApi(t.app, 'GET', '/me', { token: approved.token })).status).toBe(200);
    expect((await callApi(t.app, 'GET', '/tokens', { token: approved.token })).status).toBe(403);
    expect((await callApi(t.app, 'GET', '/people', { token: approved.token })).status).toBe(403);

    await expectGone(await poll(pairing.pairingId, pairing.pollSecret), 'pairing_consumed');

    const tokens = await callApi(t.app, 'GET', '/tokens', { session: ann.session });
    expect(await tokens.json()).toMatchObject({ tokens: expect.arrayContaining([expect.objectContaining({ name: 'Firefox at the desk', scope: 'capture' })]) });
    const audit = auditPage.parse(await (await callApi(t.app, 'GET', '/audit', { token: t.token })).json());
    expect(audit.entries.map((e) => [e.action, e.actor?.name])).toEqual(
      expect.arrayContaining([
        ['pairing.confirmed', 'Ann'],
        ['token.created', 'Ann'],
      ]),
    );
    expect(JSON.stringify(audit)).not.toContain(approved.token);
  });

  it('tells the poller when the person turned it down', async () => {
    const pairing = await start();
    expect((await deny(pairing.userCode)).status).toBe(204);
    await expectGone(await poll(pairing.pairingId, pairing.pollSecret), 'pairing_denied');
    // A decided code is no longer waiting.
    expect((await confirm(pairing.userCode)).status).toBe(404);
  });

  it('expires after 10 minutes: no confirming, and the poller hears so', async () => {
    const pairing = await start();
    now = new Date(now.getTime() + 10 * MINUTE);
    const late = await confirm(pairing.userCode);
    expect(late.status).toBe(404);
    expect(apiError.parse(await late.json()).error.issues?.[0]?.path).toBe('userCode');
    await expectGone(await poll(pairing.pairingId, pairing.pollSecret), 'pairing_expired');
  });

  it('answers 404 to a poll without the right secret, and gives nothing away', async () => {
    const pairing = await start();
    await confirm(pairing.userCode);
    expect((await poll(pairing.pairingId, 'not-the-secret')).status).toBe(404);
    expect((await poll('0190d1d4-0000-7000-8000-000000000000', pairing.pollSecret)).status).toBe(404);
    // The real poller still gets its token.
    expect(pairingPollResult.parse(await (await poll(pairing.pairingId, pairing.pollSecret)).json()).status).toBe('approved');
  });

  it('names the field of a code that is malformed or unknown', async () => {
    for (const userCode of ['BCDF-GHJ', 'BCDF-GHJ0', 'BCDF-GHJK']) {
      const res = await confirm(userCode);
      expect([400, 404]).toContain(res.status);
      expect(apiError.parse(await res.json()).error.issues?.[0]?.path).toBe('userCode');
    }
  });

  it('needs a signed-in person with account:manage to confirm', async () => {
    const pairing = await start();
    expect((await callApi(t.app, 'POST', '/pairings/confirm', null, { userCode: pairing.userCode })).status).toBe(401);
    const guest = await addSignedInMember(t, { role: 'guest' });
    // Guests may pair their own extension too.
    expect((await confirm(pairing.userCode, guest.session)).status).toBe(200);
  });

  it('throttles wrong codes per person', async () => {
    for (let attempt = 0; attempt < 10; attempt++) expect((await confirm('BBBB-BBBB')).status).toBe(404);
    const pairing = await start();
    const res = await confirm(pairing.userCode);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
    // Someone else is not held back by Ann's typos.
    const bob = await addSignedInMember(t, { role: 'member' });
    expect((await confirm(pairing.userCode, bob.session)).status).toBe(200);
  });

  it('evaluates only 10 of 40 concurrent wrong codes, and a right code does not count', async () => {
    const pairing = await start();
    expect((await confirm(pairing.userCode)).status).toBe(200);
    const results = await Promise.all(Array.from({ length: 40 }, () => confirm('BBBB-BBBB')));
    const statuses = results.map((res) => res.status);
    expect(statuses.filter((status) => status === 404)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(30);
  });

  it('throttles starting pairings per address', async () => {
    for (let attempt = 0; attempt < 10; attempt++) await start('Chrome', '192.0.2.50');
    const res = await callApi(t.app, 'POST', '/pairings', null, { deviceName: 'Chrome' }, fromAddress('192.0.2.50'));
    expect(res.status).toBe(429);
    expect(res.headers.get('Retry-After')).not.toBeNull();
    await start('Chrome', '192.0.2.51');
  });

  it('names a bad device name', async () => {
    const res = await callApi(t.app, 'POST', '/pairings', null, { deviceName: '' });
    expect(res.status).toBe(400);
    expect(apiError.parse(await res.json()).error.issues?.[0]?.path).toBe('deviceName');
  });
});

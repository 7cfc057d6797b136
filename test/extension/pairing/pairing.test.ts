import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackgroundServices, PAIRING_ALARM } from '@/lib/background-services';
import {
  advancePairing,
  cancelPairing,
  PAIRING_DENIED,
  PAIRING_EXPIRED,
  startPairing,
  type PairingDeps,
} from '@/lib/pairing/pairing';
import { browserPairingStore, PAIRING_KEY, storagePairingStore } from '@/lib/pairing/store';
import { readSettings, settingsStore } from '@/lib/settings/connection';
import { apiErrorBody, fakeFetch, json, memoryLock, memoryStore, type RecordedRequest } from '../helpers';

const START = Date.parse('2026-11-22T13:00:00Z');
const SERVER = 'http://127.0.0.1:8787';
const created = {
  pairingId: 'p1',
  userCode: 'BCDF-GHJK',
  pollSecret: 'poll-secret-1',
  expiresAt: '2026-11-22T13:10:00.000Z',
  intervalSeconds: 2,
};
const mia = { id: 'u2', name: 'Mia Member', role: 'member' };

type PollReply = 'pending' | 'approved' | 'denied' | 'expired' | 'consumed' | 'network-error' | 'busy';

/** A pairing server whose poll answers follow `script`, one per poll (the last one repeats). */
function pairingServer(script: PollReply[]) {
  let polls = 0;
  const network = fakeFetch((request: RecordedRequest) => {
    if (request.method === 'POST' && request.path === '/api/v1/pairings') return json(created, 201);
    if (request.method === 'POST' && request.path === '/api/v1/pairings/p1/poll') {
      const reply = script[Math.min(polls, script.length - 1)] ?? 'pending';
      polls += 1;
      switch (reply) {
        case 'pending':
          return json({ status: 'pending' });
        case 'approved':
          return json({ status: 'approved', token: 'snag_capture_token', user: mia });
        case 'network-error':
          return 'network-error';
        case 'busy':
          return json(apiErrorBody('internal', 'starting up'), 503);
        default:
          return json(apiErrorBody(`pairing_${reply}`, reply), 410);
      }
    }
    return json(apiErrorBody('not_found', 'nothing here'), 404);
  });
  return { ...network, polls: () => polls };
}

function setUp(script: PollReply[]) {
  const clock = { now: START };
  const server = pairingServer(script);
  const settings = memoryStore();
  const deps: PairingDeps = {
    fetch: server.fetch,
    now: () => clock.now,
    timeout: () => new AbortController().signal,
    store: browserPairingStore(browser.storage),
    settings,
    lock: memoryLock(),
    deviceName: async () => 'Chrome on Linux',
  };
  return { clock, server, settings, deps };
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('pairing', () => {
  it('goes pending → approved, saves the token with whom it belongs to, and never shows the secrets', async () => {
    const { clock, server, settings, deps } = setUp(['pending', 'approved']);

    const started = await startPairing(deps, `${SERVER}/`);
    expect(started).toEqual({ ok: true, value: { state: 'pending', serverUrl: SERVER, userCode: 'BCDF-GHJK', expiresAt: START + 600_000 } });
    expect(JSON.parse(String(server.requests[0]?.body))).toEqual({ deviceName: 'Chrome on Linux' });
    expect(server.requests[0]?.headers.has('authorization')).toBe(false);

    // Not due yet: asking for the status does not poll.
    await expect(advancePairing(deps)).resolves.toMatchObject({ state: 'pending' });
    expect(server.polls()).toBe(0);

    clock.now += 2_000;
    await expect(advancePairing(deps)).resolves.toMatchObject({ state: 'pending', userCode: 'BCDF-GHJK' });
    expect(JSON.parse(String(server.requests[1]?.body))).toEqual({ pollSecret: 'poll-secret-1' });

    clock.now += 2_000;
    const approved = await advancePairing(deps);
    expect(approved).toEqual({ state: 'approved', serverUrl: SERVER, user: { name: 'Mia Member', role: 'member' } });
    expect(settings.value).toEqual({ serverUrl: SERVER, token: 'snag_capture_token', connectedAs: { name: 'Mia Member', role: 'member' } });
    expect(JSON.stringify(approved)).not.toContain('snag_capture_token');
    expect(JSON.stringify(approved)).not.toContain('poll-secret-1');

    // Done: nothing more is asked.
    clock.now += 60_000;
    await advancePairing(deps);
    expect(server.polls()).toBe(2);
  });

  it('keeps the pairing in storage.session, so the background can be stopped between polls', async () => {
    const { deps } = setUp(['pending']);
    await startPairing(deps, SERVER);
    const stored: Record<string, unknown> = await fakeBrowser.storage.session.get(PAIRING_KEY);
    expect(stored[PAIRING_KEY]).toMatchObject({ status: 'pending', pollSecret: 'poll-secret-1' });
    expect(await fakeBrowser.storage.local.get(PAIRING_KEY)).toEqual({});
  });

  it('falls back on storage.local where there is no storage.session', async () => {
    const store = browserPairingStore({ local: browser.storage.local });
    await store.write({ status: 'failed', serverUrl: SERVER, reason: 'x' });
    expect(await fakeBrowser.storage.local.get(PAIRING_KEY)).toEqual({ [PAIRING_KEY]: { status: 'failed', serverUrl: SERVER, reason: 'x' } });
  });

  it('ends with a clear reason when the code is denied in the dashboard', async () => {
    const { clock, settings, deps } = setUp(['pending', 'denied']);
    await startPairing(deps, SERVER);
    clock.now += 2_000;
    await advancePairing(deps);
    clock.now += 2_000;
    await expect(advancePairing(deps)).resolves.toEqual({ state: 'failed', serverUrl: SERVER, reason: PAIRING_DENIED });
    expect(settings.value).toBeNull();
  });

  it('ends when the server says the code expired, or when its ten minutes are over', async () => {
    const byServer = setUp(['expired']);
    await startPairing(byServer.deps, SERVER);
    byServer.clock.now += 2_000;
    await expect(advancePairing(byServer.deps)).resolves.toEqual({ state: 'failed', serverUrl: SERVER, reason: PAIRING_EXPIRED });

    fakeBrowser.reset();
    const byClock = setUp(['network-error']);
    await startPairing(byClock.deps, SERVER);
    byClock.clock.now += 2_000;
    await expect(advancePairing(byClock.deps)).resolves.toMatchObject({ state: 'pending' });
    byClock.clock.now = START + 600_000;
    await expect(advancePairing(byClock.deps)).resolves.toEqual({ state: 'failed', serverUrl: SERVER, reason: PAIRING_EXPIRED });
    expect(byClock.server.polls()).toBe(1);
  });

  it('rides out network trouble and server errors: still pending, asked again later', async () => {
    const { clock, server, deps } = setUp(['network-error', 'busy', 'approved']);
    await startPairing(deps, SERVER);
    for (const expected of ['pending', 'pending', 'approved'] as const) {
      clock.now += 2_000;
      await expect(advancePairing(deps)).resolves.toMatchObject({ state: expected });
    }
    expect(server.polls()).toBe(3);
  });

  it('polls once however many ask at the same time (the token comes only once)', async () => {
    const { clock, server, deps } = setUp(['approved', 'consumed']);
    await startPairing(deps, SERVER);
    clock.now += 2_000;
    const answers = await Promise.all([advancePairing(deps), advancePairing(deps), advancePairing(deps)]);
    expect(answers.map((answer) => answer.state)).toEqual(['approved', 'approved', 'approved']);
    expect(server.polls()).toBe(1);
  });

  it('can be cancelled', async () => {
    const { deps } = setUp(['pending']);
    await startPairing(deps, SERVER);
    await expect(cancelPairing(deps)).resolves.toEqual({ ok: true, value: { state: 'idle' } });
    await expect(advancePairing(deps)).resolves.toEqual({ state: 'idle' });
  });

  it('refuses a server URL that is not one, before asking anything', async () => {
    const { server, deps } = setUp(['pending']);
    await expect(startPairing(deps, 'not a url')).resolves.toMatchObject({ ok: false });
    expect(server.requests).toHaveLength(0);
  });

  it('says when the address is not a Snag server that pairs', async () => {
    const { deps } = setUp(['pending']);
    const notSnag = { ...deps, fetch: fakeFetch(() => new Response('<html>', { status: 404 })).fetch };
    await expect(startPairing(notSnag, SERVER)).resolves.toEqual({ ok: false, reason: 'That address answers, but it is not a Snag server' });
  });
});

describe('pairing in the background', () => {
  function background(script: PollReply[], clock: { now: number }) {
    const server = pairingServer(script);
    const lock = memoryLock();
    const services = createBackgroundServices(browser, {
      fetch: server.fetch,
      now: () => clock.now,
      locks: { request: (_name, task) => lock(task) },
    });
    return { services, server };
  }

  beforeEach(() => {
    vi.spyOn(fakeBrowser.runtime, 'getPlatformInfo').mockResolvedValue({ os: 'linux', arch: 'x86-64' });
  });

  it('names the browser it connects after itself', async () => {
    const clock = { now: START };
    const { services, server } = background(['pending'], clock);
    await services.handlers.startPairing({ serverUrl: SERVER });
    expect(JSON.parse(String(server.requests[0]?.body))).toEqual({ deviceName: expect.stringMatching(/ on Linux$/) });
  });

  it('survives the service worker being stopped: a new one resumes polling from the alarm and saves the token', async () => {
    const clock = { now: START };
    const first = background(['pending'], clock);
    const started = await first.services.handlers.startPairing({ serverUrl: SERVER });
    expect(started).toMatchObject({ ok: true, value: { state: 'pending', userCode: 'BCDF-GHJK' } });
    expect(await fakeBrowser.alarms.get(PAIRING_ALARM)).toMatchObject({ periodInMinutes: 0.5 });

    // The worker is stopped; the person confirms the code; the alarm wakes a fresh worker.
    const second = background(['approved'], clock);
    clock.now += 30_000;
    await second.services.onAlarm({ name: PAIRING_ALARM, scheduledTime: clock.now });
    expect(second.server.polls()).toBe(1);
    const settings = await readSettings(settingsStore);
    expect(settings).toEqual({
      ok: true,
      value: { serverUrl: SERVER, token: 'snag_capture_token', connectedAs: { name: 'Mia Member', role: 'member' } },
    });
    expect(await fakeBrowser.alarms.get(PAIRING_ALARM)).toBeUndefined();
    await expect(second.services.handlers.pairingStatus({})).resolves.toEqual({
      ok: true,
      value: { state: 'approved', serverUrl: SERVER, user: { name: 'Mia Member', role: 'member' } },
    });
  });

  it('polls when the options page asks for the status (which also wakes the worker)', async () => {
    const clock = { now: START };
    const { services, server } = background(['pending', 'denied'], clock);
    await services.handlers.startPairing({ serverUrl: SERVER });
    clock.now += 2_000;
    await expect(services.handlers.pairingStatus({})).resolves.toMatchObject({ ok: true, value: { state: 'pending' } });
    clock.now += 2_000;
    await expect(services.handlers.pairingStatus({})).resolves.toEqual({
      ok: true,
      value: { state: 'failed', serverUrl: SERVER, reason: PAIRING_DENIED },
    });
    expect(server.polls()).toBe(2);
    expect(await fakeBrowser.alarms.get(PAIRING_ALARM)).toBeUndefined();
  });
});

describe('pairing store', () => {
  it('treats a value it cannot read as no pairing', async () => {
    await fakeBrowser.storage.local.set({ [PAIRING_KEY]: { status: 'pending' } });
    await expect(storagePairingStore(browser.storage.local).read()).resolves.toBeNull();
  });
});

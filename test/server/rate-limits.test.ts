import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_PREFIX, apiError } from '#shared/api';
import { createApp } from '../../server/app';
import { addressBucket, type SecurityOptions } from '../../server/middleware/hardening';
import {
  addMember,
  authHeaders,
  fakePng,
  fromAddress,
  makeTestApp,
  sampleCaptureInput,
  signIn,
  type TestApp,
} from './helpers';

let t: TestApp;
let now: number;
beforeEach(async () => {
  t = await makeTestApp();
  now = Date.parse('2026-11-22T12:00:00.000Z');
});
afterEach(async () => {
  await t.close();
});

function appWith(security: SecurityOptions) {
  return createApp({ store: t.store, screenshots: t.screenshots, security: { now: () => new Date(now), ...security } });
}

async function expectThrottled(res: Response, retryAfter: string) {
  expect(res.status).toBe(429);
  expect(res.headers.get('Retry-After')).toBe(retryAfter);
  const body = apiError.parse(await res.json());
  expect(body.error.code).toBe('rate_limited');
  expect(body.error.message).toMatch(new RegExp(`wait ${retryAfter} s`));
}

describe('rate limits', () => {
  it('give each person their own budget, answering 429 with Retry-After when it is spent', async () => {
    const app = appWith({ requestsPerMinute: 5 });
    const other = await addMember(t.store, { role: 'member', password: null });
    const me = () => app.request(`${API_PREFIX}/me`, { headers: authHeaders(t.token) });
    for (let i = 0; i < 5; i += 1) expect((await me()).status).toBe(200);
    // Five a minute: one more every 12 s.
    await expectThrottled(await me(), '12');
    expect((await app.request(`${API_PREFIX}/me`, { headers: authHeaders(other.token) })).status).toBe(200);
    now += 12_000;
    expect((await me()).status).toBe(200);
    await expectThrottled(await me(), '12');
  });

  it('share one budget between all the sessions of one person', async () => {
    const app = appWith({ requestsPerMinute: 4 });
    const member = await addMember(t.store, { role: 'member' });
    const first = await signIn(app, member.email);
    const second = await signIn(app, member.email);
    const as = (cookie: string) => app.request(`${API_PREFIX}/me`, { headers: { Cookie: cookie } });
    expect((await as(first.cookie)).status).toBe(200);
    expect((await as(second.cookie)).status).toBe(200);
    expect((await as(first.cookie)).status).toBe(200);
    expect((await as(second.cookie)).status).toBe(200);
    await expectThrottled(await as(first.cookie), '15');
    await expectThrottled(await as(second.cookie), '15');
  });

  it('hold callers without credentials to a budget per IP address, bad tokens included', async () => {
    const app = appWith({ anonymousRequestsPerMinute: 3 });
    const anonymous = (ip: string, headers: Record<string, string> = {}) =>
      app.request(`${API_PREFIX}/me`, { headers }, fromAddress(ip));
    expect((await anonymous('203.0.113.7')).status).toBe(401);
    expect((await anonymous('203.0.113.7', authHeaders('snag_guessed-token'))).status).toBe(401);
    expect((await anonymous('203.0.113.7', authHeaders('snag_another-guess'))).status).toBe(401);
    await expectThrottled(await anonymous('203.0.113.7', authHeaders('snag_third-guess')), '20');
    expect((await anonymous('198.51.100.1')).status).toBe(401);
    // A real token is not held to the address's budget.
    expect((await app.request(`${API_PREFIX}/me`, { headers: authHeaders(t.token) }, fromAddress('203.0.113.7'))).status).toBe(
      200,
    );
  });

  it('believe X-Forwarded-For only behind a trusted proxy', async () => {
    const direct = appWith({ anonymousRequestsPerMinute: 1 });
    const spoofed = (app: ReturnType<typeof appWith>, client: string) =>
      app.request(`${API_PREFIX}/me`, { headers: { 'X-Forwarded-For': client } }, fromAddress('10.0.0.1'));
    expect((await spoofed(direct, '1.1.1.1')).status).toBe(401);
    // Inventing addresses does not buy a fresh budget.
    expect((await spoofed(direct, '2.2.2.2')).status).toBe(429);

    const proxied = appWith({ anonymousRequestsPerMinute: 1, trustProxy: true });
    expect((await spoofed(proxied, 'evil, 1.1.1.1')).status).toBe(401);
    expect((await spoofed(proxied, '2.2.2.2')).status).toBe(401);
    // The proxy appends the real address last; what the client put before it is ignored.
    expect((await spoofed(proxied, 'made-up, 1.1.1.1')).status).toBe(429);
  });

  it('can be turned off with 0', async () => {
    const app = appWith({ requestsPerMinute: 0 });
    for (let i = 0; i < 50; i += 1) {
      expect((await app.request(`${API_PREFIX}/me`, { headers: authHeaders(t.token) })).status).toBe(200);
    }
  });

  it('let an extension drain its outbox (a POST and a PUT per capture) a minute’s budget at once', async () => {
    // The default is 600 a minute: 300 captures at once. Scaled down tenfold to keep the test quick.
    const app = appWith({ requestsPerMinute: 60 });
    const send = async () => {
      const input = sampleCaptureInput();
      const posted = await app.request(`${API_PREFIX}/captures`, {
        method: 'POST',
        headers: authHeaders(t.token, { 'Content-Type': 'application/json' }),
        body: JSON.stringify(input),
      });
      if (posted.status !== 201) return posted;
      return app.request(`${API_PREFIX}/captures/${input.id}/screenshot`, {
        method: 'PUT',
        headers: authHeaders(t.token, { 'Content-Type': 'image/png' }),
        body: fakePng(256, posted.status),
      });
    };
    // 30 captures (60 requests) in the same instant all go through.
    for (let i = 0; i < 30; i += 1) expect((await send()).status).toBe(201);
    // The next one is told to wait a moment, as sync.ts does when it sees Retry-After…
    const throttled = await send();
    await expectThrottled(throttled, '1');
    // …and after waiting the drain goes on at a request a second (10 at the default).
    now += 2000;
    expect((await send()).status).toBe(201);
  });
});

describe('addressBucket', () => {
  it('counts IPv4 addresses one by one and IPv6 by /64', () => {
    expect(addressBucket('203.0.113.7')).toBe('203.0.113.7');
    expect(addressBucket('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressBucket('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:0db8:0001:0002::1')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
    expect(addressBucket('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressBucket('unknown')).toBe('unknown');
  });

  it('gives one IPv6 /64 one budget', async () => {
    const app = appWith({ anonymousRequestsPerMinute: 1 });
    expect((await app.request(`${API_PREFIX}/me`, {}, fromAddress('2001:db8:1:2::1'))).status).toBe(401);
    expect((await app.request(`${API_PREFIX}/me`, {}, fromAddress('2001:db8:1:2::ffff'))).status).toBe(429);
    expect((await app.request(`${API_PREFIX}/me`, {}, fromAddress('2001:db8:1:3::1'))).status).toBe(401);
  });
});

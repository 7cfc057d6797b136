import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_PREFIX, apiError } from '#shared/api';
import { addMember, fromAddress, makeTestApp, TEST_PASSWORD, type TestApp, type TestMember } from './helpers';

const MINUTE = 60_000;
let now: Date;
let t: TestApp;
let ann: TestMember;

beforeEach(async () => {
  now = new Date('2030-01-01T10:00:00.000Z');
  t = await makeTestApp({ now: () => now });
  ann = await addMember(t.store, { email: 'ann@example.com' });
});
afterEach(async () => {
  await t.close();
});

const signIn = (email: string, password: string, address = '198.51.100.1') =>
  t.app.request(
    `${API_PREFIX}/session`,
    { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) },
    fromAddress(address),
  );

async function expectThrottled(res: Response): Promise<number> {
  expect(res.status).toBe(429);
  expect(apiError.parse(await res.json()).error.code).toBe('rate_limited');
  const retryAfter = Number(res.headers.get('Retry-After'));
  expect(retryAfter).toBeGreaterThan(0);
  return retryAfter;
}

// Each attempt runs scrypt on purpose (~0.1 s, more on a busy machine).
describe('sign-in throttling', { timeout: 30_000 }, () => {
  it('refuses an account after 5 failures in 15 minutes, even with the right password, until time passes', async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await signIn(ann.email, 'wrong password!', `198.51.100.${attempt}`)).status).toBe(401);
    }
    const retryAfter = await expectThrottled(await signIn(ann.email, TEST_PASSWORD, '198.51.100.99'));
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    now = new Date(now.getTime() + 15 * MINUTE);
    expect((await signIn(ann.email, TEST_PASSWORD)).status).toBe(200);
  });

  it('throttles unknown emails the same way, so the answer does not reveal membership', async () => {
    for (let attempt = 0; attempt < 5; attempt++) expect((await signIn('nobody@example.com', 'x', `10.0.0.${attempt}`)).status).toBe(401);
    await expectThrottled(await signIn('nobody@example.com', 'x', '10.0.0.99'));
  });

  it('counts an account by its normalised email', async () => {
    for (let attempt = 0; attempt < 5; attempt++) expect((await signIn(`  ANN@Example.com`, 'nope', `10.0.1.${attempt}`)).status).toBe(401);
    await expectThrottled(await signIn('ann@example.com', TEST_PASSWORD, '10.0.1.99'));
  });

  it('refuses an address after 20 failures in 15 minutes whatever the accounts, and not other addresses', async () => {
    for (let attempt = 0; attempt < 20; attempt++) {
      expect((await signIn(`user${attempt}@example.com`, 'wrong', '203.0.113.5')).status).toBe(401);
    }
    await expectThrottled(await signIn(ann.email, TEST_PASSWORD, '203.0.113.5'));
    expect((await signIn(ann.email, TEST_PASSWORD, '203.0.113.6')).status).toBe(200);
  });

  it('forgives an account’s failures when it signs in', async () => {
    for (let attempt = 0; attempt < 4; attempt++) expect((await signIn(ann.email, 'wrong', `10.0.2.${attempt}`)).status).toBe(401);
    expect((await signIn(ann.email, TEST_PASSWORD)).status).toBe(200);
    for (let attempt = 0; attempt < 4; attempt++) expect((await signIn(ann.email, 'wrong', `10.0.3.${attempt}`)).status).toBe(401);
    expect((await signIn(ann.email, TEST_PASSWORD)).status).toBe(200);
  });
});

describe('sign-in throttling under concurrency', { timeout: 60_000 }, () => {
  it('evaluates only 5 of 60 concurrent wrong passwords for one account', async () => {
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => signIn(ann.email, 'wrong password!', `198.51.${i}.7`)));
    const statuses = results.map((res) => res.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(55);
  });

  it('answers 429 to all but 20 of 250 concurrent sign-ins from one address', async () => {
    const results = await Promise.all(Array.from({ length: 250 }, (_, i) => signIn(`user${i}@example.com`, 'wrong', '203.0.113.9')));
    const statuses = results.map((res) => res.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(20);
    expect(statuses.filter((status) => status === 429)).toHaveLength(230);
  });

  it('counts a whole IPv6 /64 as one address', async () => {
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => signIn(`v6user${i}@example.com`, 'wrong', `2001:db8:1:2::${(i + 1).toString(16)}`)));
    expect(results.filter((res) => res.status === 429)).toHaveLength(5);
  });

  it('does not count a successful sign-in against the address', async () => {
    for (let attempt = 0; attempt < 21; attempt++) expect((await signIn(ann.email, TEST_PASSWORD, '203.0.113.10')).status).toBe(200);
  });
});

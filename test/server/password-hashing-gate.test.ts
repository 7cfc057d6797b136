import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HashingBusy, HashingGate, passwordHashing } from '../../server/auth/hashing-gate';
import { apiError } from '#shared/api';
import { API_PREFIX, authHeaders, fakePng, fromAddress, makeTestApp, postCapture, putScreenshot, sampleCaptureInput, type TestApp } from './helpers';

/** A promise with its resolver outside, to hold work open for as long as a test wants. */
function deferred() {
  let resolve = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe('HashingGate', () => {
  it('runs at most maxActive at once, in arrival order, and refuses past maxWaiting', async () => {
    const gate = new HashingGate(2, 2);
    const holds = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = holds.map((hold, index) =>
      gate.run(async () => {
        started.push(index);
        await hold.promise;
        return index;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(gate.waiting).toBe(2);
    await expect(gate.run(async () => 'late')).rejects.toBeInstanceOf(HashingBusy);
    holds[1]?.resolve();
    expect(await runs[1]).toBe(1);
    expect(started).toEqual([0, 1, 2]);
    for (const hold of holds) hold.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect([gate.running, gate.waiting]).toEqual([0, 0]);
  });

  it('frees the slot when the work fails', async () => {
    const gate = new HashingGate(1, 1);
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await gate.run(async () => 'next')).toBe('next');
  });
});

// Runs before any other sign-in in this file, so the unknown-email dummy hash is not made yet.
describe('a full hashing queue', { timeout: 60_000 }, () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it('answers 503 with Retry-After when the queue of password checks is full', async () => {
    const hold = deferred();
    const full = passwordHashing.maxActive + passwordHashing.maxWaiting;
    const holders = Array.from({ length: full }, () => passwordHashing.run(() => hold.promise));
    const res = await t.app.request(
      `${API_PREFIX}/session`,
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'late@example.com', password: 'x' }) },
      fromAddress('192.0.2.200'),
    );
    hold.resolve();
    await Promise.all(holders);
    expect(res.status).toBe(503);
    expect(res.headers.get('Retry-After')).toBe('5');
    expect(apiError.parse(await res.json()).error.code).toBe('unavailable');
    // The refusal is not remembered: the next check runs (here the first, which makes the dummy hash).
    const next = await t.app.request(
      `${API_PREFIX}/session`,
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'late@example.com', password: 'x' }) },
      fromAddress('192.0.2.201'),
    );
    expect(next.status).toBe(401);
  });
});

describe('a sign-in storm', { timeout: 60_000 }, () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it('leaves worker threads for a screenshot read while password checks are queued', async () => {
    const capture = sampleCaptureInput();
    expect((await postCapture(t, capture)).status).toBe(201);
    expect((await putScreenshot(t, capture.id, fakePng(64 * 1024))).status).toBe(201);

    const signIn = async (i: number): Promise<Response> =>
      t.app.request(
        `${API_PREFIX}/session`,
        { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: `storm${i}@example.com`, password: 'guess' }) },
        fromAddress(`192.0.2.${i + 1}`),
      );
    // The first unknown-email check makes the dummy hash the others reuse.
    expect((await signIn(100)).status).toBe(401);

    const storm = 12;
    let settled = 0;
    const signIns = Array.from({ length: storm }, (_, i) =>
      signIn(i).finally(() => {
        settled += 1;
      }),
    );
    // Let the storm reach the gate (event-loop turns, not time).
    for (let turn = 0; turn < 10_000 && passwordHashing.waiting === 0; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(passwordHashing.waiting).toBeGreaterThan(0);

    const read = await t.app.request(`${API_PREFIX}/captures/${capture.id}/screenshot`, { headers: authHeaders(t.token) });
    expect(read.status).toBe(200);
    expect((await read.arrayBuffer()).byteLength).toBe(64 * 1024);
    // Served while most of the storm still waits; with scrypt on all four pool threads it queued behind them.
    expect(storm - settled).toBeGreaterThanOrEqual(storm / 2);

    expect((await Promise.all(signIns)).map((res) => res.status)).toEqual(Array<number>(storm).fill(401));
  });
});

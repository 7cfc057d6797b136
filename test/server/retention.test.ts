import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_PREFIX, me } from '#shared/api';
import { captureInput, type CaptureInput } from '#shared/capture';
import type { LiveEvent } from '#shared/live';
import { canonicalHash } from '../../server/canonical-json';
import { type Retention, startRetention } from '../../server/data/retention';
import { EventBus } from '../../server/live/event-bus';
import { fakePng, makeTestApp, sampleCaptureInput, type TestApp } from './helpers';

const DAY = 24 * 60 * 60_000;
const NOW = new Date('2026-11-22T12:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();

let t: TestApp;
let adminId: string;
let bus: EventBus;
let events: LiveEvent[];
let retention: Retention | undefined;

beforeEach(async () => {
  t = await makeTestApp();
  const res = await t.app.request(`${API_PREFIX}/me`, { headers: { Authorization: `Bearer ${t.token}` } });
  adminId = me.parse(await res.json()).user.id;
  bus = new EventBus();
  events = [];
  bus.subscribe((event) => events.push(event));
});
afterEach(async () => {
  retention?.stop();
  retention = undefined;
  vi.useRealTimers();
  vi.restoreAllMocks();
  await t.close();
});

/** A capture the server received when it claims to be made, unless `receivedAt` says otherwise. */
async function capture(overrides: Partial<CaptureInput>, screenshotSeed?: number, receivedAt?: string): Promise<string> {
  const input = captureInput.parse(sampleCaptureInput(overrides));
  const result = await t.store.createCapture({
    input,
    inputHash: canonicalHash(input),
    reporter: { id: adminId, name: 'Admin' },
    receivedAt: receivedAt ?? input.createdAt,
  });
  if (result.status !== 'created') throw new Error(result.status);
  if (screenshotSeed !== undefined) {
    const received = await t.screenshots.receive(new Blob([fakePng(300, screenshotSeed)]).stream());
    if (!received.ok) throw new Error(received.message);
    await received.commit();
    await t.store.attachScreenshot(input.id, { sha256: received.sha256, bytes: received.bytes, contentType: 'image/png' });
  }
  return input.id;
}

function start(options: { batchSize?: number; intervalMs?: number; firstRunAfterMs?: number } = {}) {
  retention = startRetention({
    store: t.store,
    screenshots: t.screenshots,
    events: bus,
    now: () => NOW,
    intervalMs: options.intervalMs ?? 60 * 60_000,
    firstRunAfterMs: options.firstRunAfterMs,
    batchSize: options.batchSize,
  });
  return retention;
}

const setRetention = (retentionDays: number | null) =>
  t.store.dataControl.updateSettings({ retentionDays }, { actor: { id: adminId, name: 'Admin' }, at: NOW.toISOString() });

describe('retention', () => {
  it('keeps everything while no retention is set', async () => {
    await capture({ createdAt: daysAgo(5000) });
    expect(await start().runOnce()).toBe(0);
    expect((await t.store.audit.list({ action: 'retention.purged', limit: 10 })).entries).toEqual([]);
  });

  it('removes captures created before the retention, with their files, in batches; audits one purge', async () => {
    await setRetention(30);
    const old = [
      await capture({ createdAt: daysAgo(31) }, 1),
      await capture({ createdAt: daysAgo(400) }, 2),
      await capture({ createdAt: daysAgo(30.01) }),
      await capture({ createdAt: daysAgo(90) }),
      await capture({ createdAt: daysAgo(45) }),
    ];
    const files = await Promise.all(old.slice(0, 2).map(async (id) => {
      const sha = (await t.store.findScreenshotTarget(id))?.capture.screenshot?.sha256;
      if (sha === undefined) throw new Error('no screenshot');
      return t.screenshots.pathFor(sha);
    }));
    const young = await capture({ createdAt: daysAgo(29.9) }, 3);

    expect(await start({ batchSize: 2 }).runOnce()).toBe(5);
    for (const id of old) expect(await t.store.findScreenshotTarget(id)).toBeNull();
    for (const file of files) expect(existsSync(file)).toBe(false);
    expect(await t.store.getCapture(young)).not.toBeNull();
    expect(events.map((event) => [event.type, event.actorId])).toEqual(Array(5).fill(['capture.deleted', null]));
    const audit = await t.store.audit.list({ action: 'retention.purged', limit: 10 });
    expect(audit.entries).toEqual([
      expect.objectContaining({ actor: null, details: { count: 5, retentionDays: 30, before: daysAgo(30) } }),
    ]);
    expect(await retention?.runOnce()).toBe(0);
    expect((await t.store.audit.list({ action: 'retention.purged', limit: 10 })).entries).toHaveLength(1);
  });

  it("purges by when the server received a capture, never by the client's clock", async () => {
    await setRetention(30);
    const claims2001 = await capture({ createdAt: '2001-01-01T00:00:00.000Z' }, undefined, daysAgo(1));
    const claims9999 = await capture({ createdAt: '9999-01-01T00:00:00.000Z' }, undefined, daysAgo(31));
    const claimsToday = await capture({ createdAt: NOW.toISOString() }, undefined, daysAgo(45));

    expect(await start().runOnce()).toBe(2);
    expect(await t.store.getCapture(claims2001)).not.toBeNull();
    expect(await t.store.getCapture(claims9999)).toBeNull();
    expect(await t.store.getCapture(claimsToday)).toBeNull();
  });

  it('never runs two purges at once', async () => {
    await setRetention(1);
    for (let i = 0; i < 6; i += 1) await capture({ createdAt: daysAgo(10 + i) });
    const running = start({ batchSize: 1 });
    const counts = await Promise.all([running.runOnce(), running.runOnce(), running.runOnce()]);
    expect(counts).toEqual([6, 0, 0]);
  });

  it('runs on its timer until stopped, and survives a failing run', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await setRetention(7);
    await capture({ createdAt: daysAgo(8) });
    const failing = vi.spyOn(t.store.dataControl, 'deleteCreatedBefore').mockRejectedValueOnce(new Error('database is down'));
    const purged = async () => (await t.store.audit.list({ action: 'retention.purged', limit: 10 })).entries.length;

    start({ intervalMs: 1000, firstRunAfterMs: 500 });
    await vi.advanceTimersByTimeAsync(499);
    expect(failing).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(console.error).toHaveBeenCalled());
    expect(await purged()).toBe(0);

    await vi.advanceTimersByTimeAsync(1000);
    await vi.waitFor(async () => expect(await purged()).toBe(1));

    await capture({ createdAt: daysAgo(9) });
    retention?.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(await purged()).toBe(1);
    expect(failing).toHaveBeenCalledTimes(2);
  });
});

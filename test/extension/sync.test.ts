import { describe, expect, it } from 'vitest';
import type { SnagDb } from '@/lib/db';
import { putDraft } from '@/lib/drafts';
import { getScreenshot, listOutbox, markSending, saveDraftToOutbox, summarizeOutbox, updateEntry } from '@/lib/outbox';
import { ok, type Result } from '@/lib/result';
import type { Settings } from '@/lib/settings';
import { backoffMs, syncOutbox, type SyncDeps } from '@/lib/sync';
import {
  apiErrorBody,
  clipDraft,
  configured,
  fakeFetch,
  freshDb,
  json,
  memoryLock,
  pngImage,
  sampleInput,
  screenshotDraft,
  type RecordedRequest,
} from './helpers';

const START = Date.parse('2026-11-22T13:00:00Z');

function setUp(respond: Parameters<typeof fakeFetch>[0], settings: Result<Settings> = ok(configured)) {
  const clock = { now: START };
  const server = fakeFetch(respond);
  const lock = memoryLock();
  const deps = (db: SnagDb): SyncDeps => ({
    db,
    fetch: server.fetch,
    now: () => clock.now,
    settings: async () => settings,
    lock,
  });
  return { clock, deps, requests: server.requests };
}

async function saveScreenshot(db: SnagDb, savedAt = START) {
  const draft = screenshotDraft();
  await putDraft(db, draft);
  const saved = await saveDraftToOutbox(db, { draftId: draft.id, input: sampleInput(), image: pngImage(256), now: savedAt });
  if (!saved.ok) throw new Error(saved.reason);
  return saved.value;
}

async function saveClip(db: SnagDb, savedAt = START) {
  const draft = clipDraft();
  await putDraft(db, draft);
  const input = sampleInput({ kind: 'clip', quote: 'Export is disabled' });
  const saved = await saveDraftToOutbox(db, { draftId: draft.id, input, image: null, now: savedAt });
  if (!saved.ok) throw new Error(saved.reason);
  return saved.value;
}

const entryById = async (db: SnagDb, id: string) => (await listOutbox(db)).find((entry) => entry.id === id);
const calls = (requests: RecordedRequest[]) => requests.map(({ method, path }) => `${method} ${path}`);
const accepted = (status: number) => () => json({}, status);

describe('syncOutbox', () => {
  it('sends the record, then the screenshot, and only then marks the entry sent (201 path)', async () => {
    const db = await freshDb();
    const entry = await saveScreenshot(db);
    const { deps, requests } = setUp(accepted(201));

    await expect(syncOutbox(deps(db))).resolves.toEqual({ sent: 1, retrying: 0, failed: 0, skipped: null });
    expect(calls(requests)).toEqual([`POST /api/v1/captures`, `PUT /api/v1/captures/${entry.id}/screenshot`]);
    expect(requests[1]?.headers.get('content-type')).toBe('image/png');
    expect(await entryById(db, entry.id)).toMatchObject({ state: 'sent', attempts: 1, lastError: null, sentAt: START });
    expect(await getScreenshot(db, entry.id)).toBeUndefined();
  });

  it('takes 200 (the server already had the record) as accepted, and still sends the screenshot', async () => {
    const db = await freshDb();
    const entry = await saveScreenshot(db);
    const { deps, requests } = setUp(({ method }) => json({}, method === 'POST' ? 200 : 201));
    await syncOutbox(deps(db));
    expect(calls(requests)).toHaveLength(2);
    expect(await entryById(db, entry.id)).toMatchObject({ state: 'sent' });
  });

  it('sends a clip with a single POST', async () => {
    const db = await freshDb();
    const entry = await saveClip(db);
    const { deps, requests } = setUp(accepted(201));
    await syncOutbox(deps(db));
    expect(calls(requests)).toEqual(['POST /api/v1/captures']);
    expect(await entryById(db, entry.id)).toMatchObject({ state: 'sent' });
  });

  it('keeps an entry waiting after a 500, backing off more after each failure, until it goes through', async () => {
    const db = await freshDb();
    const entry = await saveClip(db);
    const { clock, deps, requests } = setUp((_request, seen) =>
      seen < 2 ? json(apiErrorBody('internal', 'internal error'), 500) : json({}, 201),
    );

    await expect(syncOutbox(deps(db))).resolves.toMatchObject({ retrying: 1 });
    expect(await entryById(db, entry.id)).toMatchObject({
      state: 'waiting',
      attempts: 1,
      nextAttemptAt: START + backoffMs(1),
      lastError: { kind: 'server' },
    });

    clock.now = START + backoffMs(1) - 1;
    await syncOutbox(deps(db));
    expect(requests).toHaveLength(1); // not due yet

    clock.now = START + backoffMs(1);
    await syncOutbox(deps(db));
    expect(await entryById(db, entry.id)).toMatchObject({ attempts: 2, nextAttemptAt: clock.now + backoffMs(2) });
    expect(backoffMs(2)).toBe(2 * backoffMs(1));

    clock.now += backoffMs(2);
    await syncOutbox(deps(db));
    expect(await entryById(db, entry.id)).toMatchObject({ state: 'sent', attempts: 3, lastError: null });
  });

  it('waits as long as a 429 Retry-After says', async () => {
    const db = await freshDb();
    const entry = await saveClip(db);
    const { deps } = setUp(() => json(apiErrorBody('rate_limited', 'slow down'), 429, { 'Retry-After': '600' }));
    await syncOutbox(deps(db));
    expect(await entryById(db, entry.id)).toMatchObject({
      state: 'waiting',
      nextAttemptAt: START + 600_000,
      lastError: { kind: 'rate-limited' },
    });
  });

  it.each([400, 409])('fails an entry the server refuses for good (%i), with its reason, and carries on', async (status) => {
    const db = await freshDb();
    const refused = await saveClip(db, START);
    const next = await saveClip(db, START + 1);
    const { clock, deps } = setUp((_request, seen) =>
      seen === 0 ? json(apiErrorBody('invalid_request', 'environment.viewport.width: Too small'), status) : json({}, 201),
    );
    clock.now = START + 1;
    await expect(syncOutbox(deps(db))).resolves.toMatchObject({ sent: 1, failed: 1 });
    expect(await entryById(db, refused.id)).toMatchObject({
      state: 'failed',
      lastError: { kind: 'rejected', reason: 'environment.viewport.width: Too small' },
    });
    expect(await entryById(db, next.id)).toMatchObject({ state: 'sent' });
  });

  it('keeps entries when the token is rejected (401), says so, and stops trying the others', async () => {
    const db = await freshDb();
    const first = await saveClip(db, START);
    const second = await saveClip(db, START + 1);
    const { clock, deps, requests } = setUp(() => json(apiErrorBody('unauthorized', 'invalid token'), 401));
    clock.now = START + 1;

    await syncOutbox(deps(db));
    expect(requests).toHaveLength(1);
    expect(await entryById(db, first.id)).toMatchObject({
      state: 'waiting',
      lastError: { kind: 'token', reason: 'The server rejected the token: paste a valid one' },
    });
    expect(await entryById(db, second.id)).toMatchObject({ state: 'waiting', attempts: 0 });
    expect(summarizeOutbox(await listOutbox(db))).toMatchObject({
      needsAttention: 1,
      reasons: ['The server rejected the token: paste a valid one'],
    });
  });

  it('keeps an entry waiting when the server cannot be reached', async () => {
    const db = await freshDb();
    const entry = await saveScreenshot(db);
    const { deps } = setUp(() => 'network-error');
    await expect(syncOutbox(deps(db))).resolves.toMatchObject({ retrying: 1, sent: 0 });
    expect(await entryById(db, entry.id)).toMatchObject({
      state: 'waiting',
      recordAccepted: false,
      lastError: { kind: 'unreachable', reason: expect.stringContaining("Can't reach https://snag.example.com") },
    });
    expect(await getScreenshot(db, entry.id)).toBeDefined();
  });

  it('does not mark an entry sent when its screenshot upload fails, and resumes with the screenshot only', async () => {
    const db = await freshDb();
    const entry = await saveScreenshot(db);
    const { clock, deps, requests } = setUp(({ method }, seen) =>
      method === 'PUT' && seen === 0 ? json(apiErrorBody('internal', 'disk full'), 503) : json({}, 201),
    );

    await syncOutbox(deps(db));
    expect(await entryById(db, entry.id)).toMatchObject({ state: 'waiting', recordAccepted: true });
    expect(await getScreenshot(db, entry.id)).toBeDefined();

    clock.now += backoffMs(1);
    await syncOutbox(deps(db));
    expect(calls(requests)).toEqual([
      'POST /api/v1/captures',
      `PUT /api/v1/captures/${entry.id}/screenshot`,
      `PUT /api/v1/captures/${entry.id}/screenshot`,
    ]);
    expect(await entryById(db, entry.id)).toMatchObject({ state: 'sent' });
  });

  it('fails an entry whose screenshot the server refuses (413)', async () => {
    const db = await freshDb();
    const entry = await saveScreenshot(db);
    const { deps } = setUp(({ method }) =>
      method === 'PUT' ? json(apiErrorBody('payload_too_large', 'screenshot is larger than the limit'), 413) : json({}, 201),
    );
    await syncOutbox(deps(db));
    expect(await entryById(db, entry.id)).toMatchObject({
      state: 'failed',
      lastError: { kind: 'rejected', reason: 'screenshot is larger than the limit' },
    });
    expect(await getScreenshot(db, entry.id)).toBeDefined(); // kept: nothing saved is lost
  });

  it('never uploads the same entry twice when runs overlap', async () => {
    const db = await freshDb();
    const entries = [await saveScreenshot(db, START), await saveClip(db, START + 1), await saveScreenshot(db, START + 2)];
    const { clock, deps, requests } = setUp(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return json({}, 201);
    });
    clock.now = START + 2;

    const reports = await Promise.all([syncOutbox(deps(db)), syncOutbox(deps(db)), syncOutbox(deps(db))]);
    expect(reports.reduce((total, report) => total + report.sent, 0)).toBe(3);
    const posts = requests.filter((request) => request.method === 'POST').map((request) => JSON.parse(String(request.body)).id);
    expect(posts.sort()).toEqual(entries.map((entry) => entry.id).sort());
    expect(requests.filter((request) => request.method === 'PUT')).toHaveLength(2);
  });

  it('resumes an entry left "sending" by a run that was stopped', async () => {
    const db = await freshDb();
    const entry = await saveClip(db);
    await updateEntry(db, entry.id, markSending);
    const { deps } = setUp(accepted(201));
    await syncOutbox(deps(db));
    expect(await entryById(db, entry.id)).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('sends nothing before a server and token are configured', async () => {
    const db = await freshDb();
    await saveClip(db);
    const { deps, requests } = setUp(accepted(201), ok({ serverUrl: 'https://snag.example.com', token: '' }));
    await expect(syncOutbox(deps(db))).resolves.toMatchObject({ skipped: 'Snag has no server or token yet' });
    expect(requests).toHaveLength(0);
  });

  it('sends nothing while the stored settings are invalid, and says why', async () => {
    const db = await freshDb();
    await saveClip(db);
    const problem = { ok: false as const, reason: 'The saved settings are invalid (serverUrl: Invalid URL).' };
    const { deps, requests } = setUp(accepted(201), problem);
    await expect(syncOutbox(deps(db))).resolves.toMatchObject({ skipped: problem.reason });
    expect(requests).toHaveLength(0);
  });
});

import { describe, expect, it } from 'vitest';
import type { SnagDb } from '@/lib/outbox/database';
import { putDraft } from '@/lib/capture/draft-store';
import { claimNextDue, getScreenshot, listOutbox, markSent, saveDraftToOutbox } from '@/lib/outbox/queue';
import { fail, ok, type Result } from '@/lib/result';
import { backoffMs, leaseMs, RECORD_BYTES_BOUND, requestTimeoutMs } from '@/lib/api/retry-policy';
import { syncOutbox, type ServerAccess, type SyncDeps } from '@/lib/outbox/sync';
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
} from '../helpers';

const START = Date.parse('2026-11-22T13:00:00Z');
const DICE = 0.5;

function setUp(respond: Parameters<typeof fakeFetch>[0], server: Result<ServerAccess> = ok(configured)) {
  const clock = { now: START };
  const network = fakeFetch(respond);
  const lock = memoryLock();
  const timeouts: number[] = [];
  const changes: string[] = [];
  const deps = (db: SnagDb): SyncDeps => ({
    db,
    fetch: network.fetch,
    now: () => clock.now,
    random: () => DICE,
    // Never fires: these tests are about answers, the model test is about hangs.
    timeout: (ms) => {
      timeouts.push(ms);
      return new AbortController().signal;
    },
    server: async () => server,
    lock,
    onChange: async () => {
      changes.push((await listOutbox(db)).map((entry) => entry.state).join(','));
    },
  });
  return { clock, deps, requests: network.requests, timeouts, changes };
}

async function saveScreenshot(db: SnagDb, savedAt = START, size = 256) {
  const draft = screenshotDraft();
  await putDraft(db, draft);
  const saved = await saveDraftToOutbox(db, { draftId: draft.id, input: sampleInput(), image: pngImage(size), now: savedAt });
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
const textOf = (body: RequestInit['body'] | undefined) =>
  body instanceof Uint8Array ? new TextDecoder().decode(body) : String(body);
const bodyOf = (request: RecordedRequest | undefined) => textOf(request?.body);
const accepted = (status: number) => () => json({}, status);
const retryIn = (attempts: number) => backoffMs(attempts, () => DICE);

describe('syncOutbox', () => {
  it('POSTs the record with the screenshot declared, then PUTs the screenshot, and only then marks it sent', async () => {
    const db = await freshDb();
    const entry = await saveScreenshot(db);
    const { deps, requests, changes } = setUp(accepted(201));

    await expect(syncOutbox(deps(db))).resolves.toEqual({ sent: 1, retrying: 0, needsAttention: 0, skipped: null });
    expect(calls(requests)).toEqual([`POST /api/v1/captures`, `PUT /api/v1/captures/${entry.id}/screenshot`]);
    expect(JSON.parse(bodyOf(requests[0]))).toEqual(entry.input);
    expect(entry.input.screenshot).toMatchObject({ contentType: 'image/png', bytes: 256 });
    expect(requests[1]?.headers.get('content-type')).toBe('image/png');
    expect(await entryById(db, entry.id)).toMatchObject({ state: 'sent', attempts: 1, lastError: null, sentAt: START });
    expect(await getScreenshot(db, entry.id)).toBeUndefined();
    // Told of the claim, the renewed lease and the outcome, so the badge and the alarm follow.
    expect(changes).toEqual(['sending', 'sending', 'sent']);
  });

  it('sends the very same record body on every attempt', async () => {
    const db = await freshDb();
    await saveScreenshot(db);
    const { clock, deps, requests } = setUp((_request, seen) => (seen === 0 ? 'network-error' : json({}, 201)));
    await syncOutbox(deps(db));
    clock.now += retryIn(1);
    await syncOutbox(deps(db));
    const posts = requests.filter((request) => request.method === 'POST').map(bodyOf);
    expect(posts).toHaveLength(2);
    expect(posts[1]).toBe(posts[0]);
  });

  it('gives each request a timeout that grows with its body', async () => {
    const db = await freshDb();
    const entry = await saveScreenshot(db, START, 3 * 1024 * 1024);
    const { deps, timeouts } = setUp(accepted(201));
    await syncOutbox(deps(db));
    expect(timeouts).toEqual([requestTimeoutMs(JSON.stringify(entry.input).length), requestTimeoutMs(3 * 1024 * 1024)]);
    expect(timeouts[1]).toBeGreaterThan(timeouts[0] ?? Infinity);
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
      leaseId: null,
      nextAttemptAt: START + retryIn(1),
      lastError: { kind: 'server', status: 500 },
    });

    clock.now = START + retryIn(1) - 1;
    await syncOutbox(deps(db));
    expect(requests).toHaveLength(1); // not due yet

    clock.now = START + retryIn(1);
    await syncOutbox(deps(db));
    expect(await entryById(db, entry.id)).toMatchObject({ attempts: 2, nextAttemptAt: clock.now + retryIn(2) });
    expect(retryIn(2)).toBe(2 * retryIn(1));

    clock.now += retryIn(2);
    await syncOutbox(deps(db));
    expect(await entryById(db, entry.id)).toMatchObject({ state: 'sent', attempts: 3, lastError: null });
  });

  it('stops the run at the first failure that would repeat for the next entries (server down)', async () => {
    const db = await freshDb();
    const first = await saveClip(db, START);
    const second = await saveClip(db, START);
    const { deps, requests } = setUp(() => 'network-error');
    await expect(syncOutbox(deps(db))).resolves.toMatchObject({ retrying: 1 });
    expect(requests).toHaveLength(1);
    const states = [await entryById(db, first.id), await entryById(db, second.id)].map((entry) => entry?.attempts);
    expect(states.sort()).toEqual([0, 1]);
  });

  it('waits as long as a 429 Retry-After says, and holds back every other waiting entry as long', async () => {
    const db = await freshDb();
    const entry = await saveClip(db);
    const other = await saveClip(db);
    const { deps, requests } = setUp(() => json(apiErrorBody('rate_limited', 'slow down'), 429, { 'Retry-After': '600' }));
    await syncOutbox(deps(db));
    expect(requests).toHaveLength(1);
    const tried = (await entryById(db, entry.id))?.attempts === 1 ? entry.id : other.id;
    const untried = tried === entry.id ? other.id : entry.id;
    expect(await entryById(db, tried)).toMatchObject({
      state: 'waiting',
      nextAttemptAt: START + 600_000,
      lastError: { kind: 'rate-limited' },
    });
    expect(await entryById(db, untried)).toMatchObject({ state: 'waiting', nextAttemptAt: START + 600_000, attempts: 0 });
  });

  it.each([400, 409, 413, 415, 422])(
    'moves an entry the server refuses for good (%i) to needs attention, with its reason, and carries on',
    async (status) => {
      const db = await freshDb();
      const refused = await saveClip(db, START);
      const next = await saveClip(db, START + 1);
      const { clock, deps } = setUp(({ body }) =>
        textOf(body).includes(refused.id)
          ? json(apiErrorBody('invalid_request', 'environment.viewport.width: Too small'), status)
          : json({}, 201),
      );
      clock.now = START + 1;
      await expect(syncOutbox(deps(db))).resolves.toMatchObject({ sent: 1, needsAttention: 1 });
      expect(await entryById(db, refused.id)).toMatchObject({
        state: 'needs-attention',
        leaseId: null,
        lastError: { kind: 'rejected', status, reason: 'environment.viewport.width: Too small' },
      });
      expect(await entryById(db, next.id)).toMatchObject({ state: 'sent' });
      // Never tried again by itself.
      clock.now += 365 * 24 * 60 * 60_000;
      await expect(syncOutbox(deps(db))).resolves.toMatchObject({ sent: 0, needsAttention: 0, retrying: 0 });
    },
  );

  it('on 401 holds every waiting entry for the token, says why, and stops', async () => {
    const db = await freshDb();
    const first = await saveClip(db, START);
    const second = await saveClip(db, START);
    const { deps, requests } = setUp(() => json(apiErrorBody('unauthorized', 'this token has been revoked; pair the extension again'), 401));

    await syncOutbox(deps(db));
    expect(requests).toHaveLength(1);
    for (const entry of [first, second]) {
      expect(await entryById(db, entry.id)).toMatchObject({
        state: 'needs-attention',
        lastError: { kind: 'token', status: 401, reason: 'Snag’s access was revoked — connect the extension again in Options' },
      });
    }
  });

  it('on 401 for a deactivated account says so, and for an unknown token asks for a valid one', async () => {
    const db = await freshDb();
    const entry = await saveClip(db, START);
    const deactivated = setUp(() =>
      json(apiErrorBody('unauthorized', 'the account this token belongs to (Mia) has been deactivated; ask a workspace admin'), 401),
    );
    await syncOutbox(deactivated.deps(db));
    expect((await entryById(db, entry.id))?.lastError?.reason).toBe(
      'Your Snag account was deactivated — ask an admin of your team to reactivate it',
    );

    const other = await freshDb();
    const unknown = await saveClip(other, START);
    const rejected = setUp(() => json(apiErrorBody('unauthorized', 'token not recognised by this server'), 401));
    await syncOutbox(rejected.deps(other));
    expect((await entryById(other, unknown.id))?.lastError?.reason).toBe('The server rejected the token: paste a valid one');
  });

  it('on 403 holds that entry only, with the server’s reason', async () => {
    const db = await freshDb();
    const forbidden = await saveScreenshot(db, START);
    const fine = await saveClip(db, START + 1);
    const { clock, deps } = setUp(({ method }) =>
      method === 'PUT'
        ? json(apiErrorBody('forbidden', 'only the person who made this capture can attach its screenshot'), 403)
        : json({}, 201),
    );
    clock.now = START + 1;
    await syncOutbox(deps(db));
    expect(await entryById(db, forbidden.id)).toMatchObject({
      state: 'needs-attention',
      lastError: { kind: 'token', reason: expect.stringContaining('only the person who made this capture') },
    });
    expect(await entryById(db, fine.id)).toMatchObject({ state: 'sent' });
  });

  it('keeps an entry waiting, with its screenshot, when the server cannot be reached', async () => {
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

    clock.now += retryIn(1);
    await syncOutbox(deps(db));
    expect(calls(requests)).toEqual([
      'POST /api/v1/captures',
      `PUT /api/v1/captures/${entry.id}/screenshot`,
      `PUT /api/v1/captures/${entry.id}/screenshot`,
    ]);
    expect(await entryById(db, entry.id)).toMatchObject({ state: 'sent' });
  });

  it('sends the record again when the screenshot’s PUT finds no record (404)', async () => {
    const db = await freshDb();
    const entry = await saveScreenshot(db);
    const { clock, deps, requests } = setUp(({ method }, seen) =>
      method === 'PUT' && seen === 0 ? json(apiErrorBody('not_found', 'no capture with that id'), 404) : json({}, 201),
    );
    await syncOutbox(deps(db));
    expect(await entryById(db, entry.id)).toMatchObject({ state: 'waiting', recordAccepted: false });
    clock.now += retryIn(1);
    await syncOutbox(deps(db));
    expect(calls(requests).map((call) => call.split(' ')[0])).toEqual(['POST', 'PUT', 'POST', 'PUT']);
    expect(await entryById(db, entry.id)).toMatchObject({ state: 'sent' });
  });

  it('moves an entry whose screenshot the server refuses (413) to needs attention, keeping the image', async () => {
    const db = await freshDb();
    const entry = await saveScreenshot(db);
    const { deps } = setUp(({ method }) =>
      method === 'PUT' ? json(apiErrorBody('payload_too_large', 'screenshot is larger than the limit'), 413) : json({}, 201),
    );
    await syncOutbox(deps(db));
    expect(await entryById(db, entry.id)).toMatchObject({
      state: 'needs-attention',
      lastError: { kind: 'rejected', reason: 'screenshot is larger than the limit' },
    });
    expect(await getScreenshot(db, entry.id)).toBeDefined(); // kept: nothing saved is lost
  });

  it('moves an entry whose screenshot is missing locally to needs attention, rather than sending it without', async () => {
    const db = await freshDb();
    const entry = await saveScreenshot(db);
    await db.delete('screenshots', entry.id);
    const { deps, requests } = setUp(accepted(201));
    await syncOutbox(deps(db));
    expect(calls(requests)).toEqual(['POST /api/v1/captures']);
    expect(await entryById(db, entry.id)).toMatchObject({
      state: 'needs-attention',
      lastError: { reason: expect.stringContaining('screenshot is missing') },
    });
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
    const posts = requests.filter((request) => request.method === 'POST').map((request) => JSON.parse(bodyOf(request)).id);
    expect(posts.sort()).toEqual(entries.map((entry) => entry.id).sort());
    expect(requests.filter((request) => request.method === 'PUT')).toHaveLength(2);
  });

  it('never uploads the same entry twice even without the lock: the claim is atomic', async () => {
    const db = await freshDb();
    for (let i = 0; i < 4; i++) await saveClip(db, START);
    const { deps, requests } = setUp(async () => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      return json({}, 201);
    });
    const noLock = (db: SnagDb): SyncDeps => ({ ...deps(db), lock: (task) => task() });
    await Promise.all([syncOutbox(noLock(db)), syncOutbox(noLock(db)), syncOutbox(noLock(db))]);
    const ids = requests.map((request) => JSON.parse(bodyOf(request)).id);
    expect(new Set(ids).size).toBe(4);
    expect(ids).toHaveLength(4);
  });

  it('leaves an entry whose run died alone while the lease lasts, then resumes where it stopped', async () => {
    const db = await freshDb();
    const entry = await saveScreenshot(db);
    // A run took it and got the record through, then its worker was stopped mid-upload.
    await claimNextDue(db, { now: START, leaseId: 'dead-run', leaseFor: () => leaseMs(RECORD_BYTES_BOUND) });
    await db.put('outbox', { ...(await entryOrThrow(db, entry.id)), recordAccepted: true, nextAttemptAt: START + leaseMs(256) });

    const { clock, deps, requests } = setUp(accepted(200));
    await syncOutbox(deps(db));
    expect(requests).toHaveLength(0);

    clock.now = START + leaseMs(256);
    await syncOutbox(deps(db));
    expect(calls(requests)).toEqual([`PUT /api/v1/captures/${entry.id}/screenshot`]);
    expect(await entryById(db, entry.id)).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('keeps only the last sent records as history', async () => {
    const db = await freshDb();
    for (let i = 0; i < 3; i++) {
      const entry = await saveClip(db, START - 1000);
      await markSent(db, entry.id, START - 500 + i);
    }
    for (let i = 0; i < 50; i++) await saveClip(db, START);
    const { deps } = setUp(accepted(201));
    await syncOutbox(deps(db));
    const sent = (await listOutbox(db)).filter((entry) => entry.state === 'sent');
    expect(sent).toHaveLength(50);
    expect(sent.every((entry) => entry.sentAt === START)).toBe(true);
  });

  it('sends nothing without a server to send to, and says why', async () => {
    const db = await freshDb();
    await saveClip(db);
    const { deps, requests } = setUp(accepted(201), fail('Snag has no server or token yet'));
    await expect(syncOutbox(deps(db))).resolves.toMatchObject({ skipped: 'Snag has no server or token yet' });
    expect(requests).toHaveLength(0);
    expect((await listOutbox(db))[0]).toMatchObject({ state: 'waiting', attempts: 0 });
  });
});

async function entryOrThrow(db: SnagDb, id: string) {
  const entry = await db.get('outbox', id);
  if (!entry) throw new Error(`no entry ${id}`);
  return entry;
}

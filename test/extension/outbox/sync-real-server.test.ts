// @vitest-environment node
// Against the real server app (in process, through app.request) rather than a scripted fetch.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FetchLike } from '@/lib/api/client';
import { testConnection } from '@/lib/api/connection-test';
import type { SnagDb } from '@/lib/outbox/database';
import { putDraft } from '@/lib/capture/draft-store';
import { listOutbox, saveDraftToOutbox } from '@/lib/outbox/queue';
import { ok } from '@/lib/result';
import { sha256Hex } from '@/lib/outbox/sha256';
import { syncOutbox } from '@/lib/outbox/sync';
import { makeTestApp, type TestApp } from '../../server/helpers';
import { freshDb, memoryLock, pngImage, sampleInput, screenshotDraft } from '../helpers';

const SERVER = 'https://snag.test';

describe('sync against the real server app', () => {
  let server: TestApp;
  let db: SnagDb;
  let fetch: FetchLike;

  beforeEach(async () => {
    server = await makeTestApp();
    db = await freshDb();
    fetch = async (url, init) => server.app.request(url, init);
  });
  afterEach(async () => {
    db.close();
    await server.close();
  });

  const sync = (token = server.token) =>
    syncOutbox({
      db,
      fetch,
      now: Date.now,
      random: Math.random,
      timeout: (ms) => AbortSignal.timeout(ms),
      server: async () => ok({ serverUrl: SERVER, token }),
      lock: memoryLock(),
    });

  it('uploads a screenshot capture, record and image, and a retry is harmless', async () => {
    const draft = screenshotDraft();
    await putDraft(db, draft);
    const input = sampleInput({ annotations: [{ type: 'rect', x: 0.1, y: 0.2, width: 0.3, height: 0.1, color: '#ff3b30' }] });
    await saveDraftToOutbox(db, { draftId: draft.id, input, image: pngImage(2048), now: Date.now() });

    await expect(sync()).resolves.toEqual({ sent: 1, retrying: 0, needsAttention: 0, skipped: null });
    const stored = await server.store.getCapture(input.id);
    expect(stored).toMatchObject({
      id: input.id,
      comment: input.comment,
      annotations: input.annotations,
      screenshot: { contentType: 'image/png', bytes: 2048, sha256: await sha256Hex(pngImage(2048).bytes) },
    });

    // The same capture again (say the "sent" mark was lost): the server answers 200, nothing breaks.
    const [entry] = await listOutbox(db);
    if (!entry) throw new Error('no entry');
    await db.put('outbox', { ...entry, state: 'waiting', recordAccepted: false, nextAttemptAt: 0, leaseId: null });
    await db.put('screenshots', { id: entry.id, ...pngImage(2048) });
    await expect(sync()).resolves.toMatchObject({ sent: 1 });
  });

  it('holds captures for the user, with the reason, when the token is wrong', async () => {
    const draft = screenshotDraft();
    await putDraft(db, draft);
    await saveDraftToOutbox(db, { draftId: draft.id, input: sampleInput(), image: pngImage(), now: Date.now() });
    await expect(sync('snag_wrong')).resolves.toMatchObject({ needsAttention: 1 });
    expect((await listOutbox(db))[0]).toMatchObject({ state: 'needs-attention', lastError: { kind: 'token', status: 401 } });
  });

  it('passes the connection test', async () => {
    await expect(testConnection({ fetch }, { serverUrl: SERVER, token: server.token })).resolves.toEqual({
      ok: true,
      value: { userName: 'Admin', serverVersion: 'test' },
    });
  });
});

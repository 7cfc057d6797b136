import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_PREFIX, apiError } from '#shared/api';
import { authHeaders, fakePng, makeTestApp, postCapture, putScreenshot, sampleCaptureInput, type TestApp } from './helpers';

let t: TestApp;
let db: BetterSqlite3.Database;
beforeEach(async () => {
  t = await makeTestApp();
  // A second connection to the same file, used to make the database fail on purpose.
  db = new BetterSqlite3(join(t.dataDir, 'snag.db'));
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(async () => {
  vi.restoreAllMocks();
  db.close();
  await t.close();
});

async function expectInternalError(res: Response) {
  expect(res.status).toBe(500);
  const text = await res.text();
  expect(apiError.parse(JSON.parse(text))).toEqual({ error: { code: 'internal', message: 'internal error' } });
  expect(text).not.toMatch(/sqlite|insert|select|at .*\.ts/i);
}

describe('when the database fails mid-request', () => {
  it('answers a bare 500 and leaves no half-written capture behind', async () => {
    db.exec(`create trigger fail_tag before insert on capture_tags when new.tag = 'boom'
             begin select raise(abort, 'injected failure'); end`);
    const input = sampleCaptureInput({ tags: ['fine', 'boom'] });
    await expectInternalError(await postCapture(t, input));
    expect(console.error).toHaveBeenCalled();

    expect(db.prepare('select count(*) from captures').pluck().get()).toBe(0);
    expect(db.prepare('select count(*) from capture_tags').pluck().get()).toBe(0);

    db.exec('drop trigger fail_tag');
    expect((await postCapture(t, input)).status).toBe(201);
  });

  it('keeps the capture without a screenshot when recording the screenshot fails', async () => {
    const input = sampleCaptureInput();
    expect((await postCapture(t, input)).status).toBe(201);
    db.exec(`create trigger fail_shot before update of screenshot_sha256 on captures
             begin select raise(abort, 'injected failure'); end`);
    await expectInternalError(await putScreenshot(t, input.id, fakePng()));
    expect(db.prepare('select screenshot_sha256 from captures where id = ?').pluck().get(input.id)).toBeNull();
    expect(await t.screenshots.pendingTempFiles()).toEqual([]);

    db.exec('drop trigger fail_shot');
    expect((await putScreenshot(t, input.id, fakePng())).status).toBe(201);
  });
});

describe('error responses', () => {
  it('answers JSON 404 outside the API for non-GET requests', async () => {
    const res = await t.app.request('/nowhere', { method: 'POST' });
    expect(res.status).toBe(404);
    expect(apiError.parse(await res.json()).error.code).toBe('not_found');
  });

  it('answers JSON 404 for an API method that does not exist', async () => {
    const res = await t.app.request(`${API_PREFIX}/captures`, { method: 'DELETE', headers: authHeaders(t.token) });
    expect(res.status).toBe(404);
    expect(apiError.parse(await res.json()).error.code).toBe('not_found');
  });
});

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
  expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
  expect(res.headers.get('Cache-Control')).toBe('no-store');
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

describe('bad input answers 4xx with a body that says what was wrong, never a 5xx', () => {
  const post = (body: BodyInit, contentType = 'application/json') =>
    t.app.request(`${API_PREFIX}/captures`, {
      method: 'POST',
      headers: authHeaders(t.token, { 'Content-Type': contentType }),
      body,
    });

  async function expect4xx(res: Response, status: number, code: string, message: RegExp) {
    expect(res.status).toBe(status);
    const text = await res.text();
    const body = apiError.parse(JSON.parse(text));
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(message);
    expect(text).not.toMatch(/SQLITE|sqlite|\bat [^\s]+\.ts:\d+|node_modules/);
  }

  it('malformed JSON, bad UTF-8, empty bodies, wrong content types', async () => {
    await expect4xx(await post('{"id": '), 400, 'invalid_json', /not valid JSON/);
    await expect4xx(await post(new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d])), 400, 'invalid_json', /UTF-8/);
    await expect4xx(await post(''), 400, 'invalid_json', /empty/);
    await expect4xx(await post('[]'), 400, 'invalid_request', /expected object/i);
    await expect4xx(await post('{}', 'text/plain'), 415, 'unsupported_media_type', /application\/json/);
    await expect4xx(await post('a=1', 'application/x-www-form-urlencoded'), 415, 'unsupported_media_type', /application\/json/);
    await expect4xx(await post(`{"comment":"${'x'.repeat(600 * 1024)}"}`), 413, 'payload_too_large', /limit/);
  });

  it('invalid percent-encodings in paths and query strings', async () => {
    const get = (path: string) => t.app.request(`${API_PREFIX}${path}`, { headers: authHeaders(t.token) });
    await expect4xx(await get('/captures/%E0%A4%A'), 400, 'invalid_request', /id/);
    await expect4xx(await get('/captures/%ZZ/comments'), 400, 'invalid_request', /id/);
    for (const query of ['?limit=%ZZ', '?cursor=%E0%A4%A', '?limit=-1', '?limit=1e999', '?nonsense=1']) {
      const res = await get(`/captures${query}`);
      expect(res.status, query).toBe(400);
      expect(apiError.safeParse(await res.json()).success).toBe(true);
    }
  });

  it('bogus credentials, broken cookies and oversized headers', async () => {
    const me = (headers: Record<string, string>) => t.app.request(`${API_PREFIX}/me`, { headers });
    await expect4xx(await me({ Authorization: 'Basic dXNlcjpwYXNz' }), 401, 'unauthorized', /Bearer/);
    await expect4xx(await me({ Authorization: `Bearer ${'x'.repeat(20_000)}` }), 401, 'unauthorized', /token/);
    await expect4xx(await me({ Cookie: 'snag_session=%ZZ%; snag_session="unterminated' }), 401, 'unauthorized', /sign in/);
  });
});

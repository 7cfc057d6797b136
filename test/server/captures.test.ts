import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_PREFIX, apiError } from '#shared/api';
import { capture } from '#shared/capture';
import { authHeaders, makeTestApp, newCaptureId, postCapture, sampleCaptureInput, type TestApp } from './helpers';
import { captureDetail, feedPage } from '#shared/review';

/** GET /captures/:id answers the capture with its review details; these tests look at the capture. */
const capturePart = (json: unknown) => capture.strip().parse(captureDetail.parse(json));

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = apiError.parse(await res.json());
  expect(body.error.code).toBe(code);
  return body.error;
}

async function storedCount(): Promise<number> {
  const res = await t.app.request(`${API_PREFIX}/captures?limit=200`, { headers: authHeaders(t.token) });
  return feedPage.parse(await res.json()).items.length;
}

describe('POST /api/v1/captures', () => {
  it('stores a capture: 201, the stored record, reporter taken from the token', async () => {
    const input = sampleCaptureInput({ tags: ['Checkout', ' checkout '] });
    const res = await postCapture(t, input);
    expect(res.status).toBe(201);
    expect(res.headers.get('Location')).toBe(`${API_PREFIX}/captures/${input.id}`);
    const stored = capture.parse(await res.json());
    expect(stored).toMatchObject({ id: input.id, tags: ['checkout'], reporter: { name: 'Admin' }, screenshot: null });

    const fetched = await t.app.request(`${API_PREFIX}/captures/${input.id}`, { headers: authHeaders(t.token) });
    expect(capturePart(await fetched.json())).toEqual(stored);
  });

  it('refuses a client-supplied reporter', async () => {
    const error = await expectError(
      await postCapture(t, { ...sampleCaptureInput(), reporter: { id: 'x', name: 'Mallory' } }),
      400,
      'invalid_request',
    );
    expect(error.message).toContain('reporter');
    expect(await storedCount()).toBe(0);
  });

  describe('names the wrong field in every validation failure', () => {
    const base = () => sampleCaptureInput();
    const cases: Array<[string, () => unknown, string, RegExp?]> = [
      ['id is not a UUIDv7', () => ({ ...base(), id: '123' }), 'id'],
      ['kind is unknown', () => ({ ...base(), kind: 'video' }), 'kind'],
      ['page.url is not absolute', () => ({ ...base(), page: { url: '/checkout', title: 'x' } }), 'page.url'],
      ['page.title is missing', () => ({ ...base(), page: { url: 'https://a.example' } }), 'page.title'],
      ['comment has the wrong type', () => ({ ...base(), comment: 42 }), 'comment'],
      ['tags is not a list', () => ({ ...base(), tags: 'a,b' }), 'tags'],
      ['a tag is too long', () => ({ ...base(), tags: ['x'.repeat(41)] }), 'tags.0'],
      ['a tag is empty', () => ({ ...base(), tags: ['ok', '  '] }), 'tags.1'],
      ['createdAt is not a date-time', () => ({ ...base(), createdAt: 'yesterday' }), 'createdAt'],
      ['environment is missing', () => ({ ...base(), environment: undefined }), 'environment'],
      [
        'a viewport size is negative',
        () => ({ ...base(), environment: { ...base().environment, viewport: { width: -1, height: 10 } } }),
        'environment.viewport.width',
      ],
      [
        'an annotation colour is malformed',
        () => ({ ...base(), annotations: [{ type: 'rect', x: 0, y: 0, width: 1, height: 1, color: 'red' }] }),
        'annotations.0.color',
      ],
      [
        'an annotation is out of bounds',
        () => ({ ...base(), annotations: [{ type: 'rect', x: 2, y: 0, width: 1, height: 1, color: '#ffffff' }] }),
        'annotations.0.x',
      ],
      ['a clip has no quote', () => ({ ...base(), kind: 'clip' }), 'quote'],
      ['a top-level field is unknown', () => ({ ...base(), priority: 'high' }), '(body)', /priority/],
      ['a nested field is unknown', () => ({ ...base(), page: { url: 'https://a.example', title: 't', x: 1 } }), 'page', /\bx\b/],
      ['the body is not an object', () => [base()], '(body)'],
    ];
    for (const [what, body, path, message] of cases) {
      it(`400 when ${what}`, async () => {
        const error = await expectError(await postCapture(t, body()), 400, 'invalid_request');
        expect(error.issues?.map((issue) => issue.path)).toContain(path);
        expect(error.message.startsWith(`${error.issues?.[0]?.path}:`)).toBe(true);
        if (message) expect(error.message).toMatch(message);
      });
    }
  });

  it('400 invalid_json for malformed or empty JSON', async () => {
    for (const body of ['{"id": ', '', 'undefined', '\uFEFF']) {
      const res = await t.app.request(`${API_PREFIX}/captures`, {
        method: 'POST',
        headers: authHeaders(t.token, { 'Content-Type': 'application/json' }),
        body,
      });
      const error = await expectError(res, 400, 'invalid_json');
      expect(error.message).toMatch(/JSON|empty/);
    }
  });

  it('415 unless the body is declared as JSON', async () => {
    const variants: Array<Record<string, string>> = [{ 'Content-Type': 'text/plain' }, {}];
    for (const headers of variants) {
      const res = await t.app.request(`${API_PREFIX}/captures`, {
        method: 'POST',
        headers: authHeaders(t.token, headers),
        body: JSON.stringify(sampleCaptureInput()),
      });
      expect((await expectError(res, 415, 'unsupported_media_type')).message).toMatch(/application\/json/);
    }
    const withCharset = await postCapture(t, sampleCaptureInput(), { 'Content-Type': 'application/json; charset=utf-8' });
    expect(withCharset.status).toBe(201);
  });

  it('413 for a body over the limit, also when it is streamed without a length', async () => {
    const huge = JSON.stringify({ ...sampleCaptureInput(), comment: 'x'.repeat(600 * 1024) });
    await expectError(await postCapture(t, JSON.parse(huge)), 413, 'payload_too_large');

    const encoded = new TextEncoder().encode(huge);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < encoded.length; i += 64 * 1024) controller.enqueue(encoded.slice(i, i + 64 * 1024));
        controller.close();
      },
    });
    const init: RequestInit & { duplex: 'half' } = {
      method: 'POST',
      headers: authHeaders(t.token, { 'Content-Type': 'application/json' }),
      body: stream,
      duplex: 'half',
    };
    await expectError(await t.app.request(`${API_PREFIX}/captures`, init), 413, 'payload_too_large');
    // A Content-Length that understates the body does not get it past the limit either.
    const misdeclared = await t.app.request(`${API_PREFIX}/captures`, {
      method: 'POST',
      headers: authHeaders(t.token, { 'Content-Type': 'application/json', 'Content-Length': '100' }),
      body: huge,
    });
    await expectError(misdeclared, 413, 'payload_too_large');
    expect(await storedCount()).toBe(0);
  });

  it('is idempotent on id: 201, then 200 with the same record, then 409 for a different body', async () => {
    const input = sampleCaptureInput({ tags: ['a', 'b'] });
    const first = await postCapture(t, input);
    expect(first.status).toBe(201);
    const stored = capture.parse(await first.json());

    // Same capture, written differently: key order, tag spelling, defaults spelled out.
    const reordered = Object.fromEntries(Object.entries({ ...input, tags: [' A', 'b', 'B'], comment: input.comment }).reverse());
    const again = await postCapture(t, reordered);
    expect(again.status).toBe(200);
    expect(capture.parse(await again.json())).toEqual(stored);

    const different = await postCapture(t, { ...input, comment: 'changed my mind' });
    expect((await expectError(different, 409, 'conflict')).message).toContain(input.id);

    expect(await storedCount()).toBe(1);
    const fetched = await t.app.request(`${API_PREFIX}/captures/${input.id}`, { headers: authHeaders(t.token) });
    expect(capturePart(await fetched.json())).toEqual(stored);
  });
});

describe('GET /api/v1/captures/:id', () => {
  it('404 for an unknown id, 400 naming id for a malformed one', async () => {
    const unknown = await t.app.request(`${API_PREFIX}/captures/${newCaptureId()}`, { headers: authHeaders(t.token) });
    await expectError(unknown, 404, 'not_found');
    const bad = await t.app.request(`${API_PREFIX}/captures/not-an-id`, { headers: authHeaders(t.token) });
    expect((await expectError(bad, 400, 'invalid_request')).issues?.[0]?.path).toBe('id');
  });
});

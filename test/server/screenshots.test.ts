import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_PREFIX, apiError } from '#shared/api';
import { capture, type CaptureInput, SCREENSHOT_MAX_BYTES } from '#shared/capture';
import {
  addUser,
  authHeaders,
  fakePng,
  makeTestApp,
  newCaptureId,
  postCapture,
  putScreenshot,
  sampleCaptureInput,
  type TestApp,
} from './helpers';
import { captureDetail } from '#shared/review';

/** GET /captures/:id answers the capture with its review details; these tests look at the capture. */
const capturePart = (json: unknown) => capture.strip().parse(captureDetail.parse(json));

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

async function seed(overrides: Partial<CaptureInput> = {}): Promise<string> {
  const input = sampleCaptureInput(overrides);
  expect((await postCapture(t, input)).status).toBe(201);
  return input.id;
}

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = apiError.parse(await res.json());
  expect(body.error.code).toBe(code);
  return body.error;
}

async function storedScreenshot(id: string) {
  const res = await t.app.request(`${API_PREFIX}/captures/${id}`, { headers: authHeaders(t.token) });
  return capturePart(await res.json()).screenshot;
}

/** The magic bytes each accepted type starts with (the server checks them). */
const SIGNATURES = {
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff, 0xe0],
  'image/webp': [0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50],
} as const;

function fakeImage(type: keyof typeof SIGNATURES, size = 1024): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size).fill(7);
  bytes.set(SIGNATURES[type]);
  return bytes;
}

function chunked(total: number, type: keyof typeof SIGNATURES = 'image/png', chunk = 1024 * 1024): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const size = Math.min(chunk, total - sent);
      const bytes = new Uint8Array(size).fill(7);
      if (sent === 0) bytes.set(SIGNATURES[type].slice(0, size));
      sent += size;
      controller.enqueue(bytes);
    },
  });
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('PUT /api/v1/captures/:id/screenshot', () => {
  it('201 with the updated capture; the file is stored under its SHA-256; GET returns the same bytes', async () => {
    const id = await seed();
    const png = fakePng(50_000);
    const res = await putScreenshot(t, id, png, 'image/png');
    expect(res.status).toBe(201);
    const updated = capture.parse(await res.json());
    const hash = sha256(png);
    expect(updated.screenshot).toEqual({ sha256: hash, bytes: png.byteLength, contentType: 'image/png' });

    const onDisk = await readFile(join(t.dataDir, 'screenshots', hash.slice(0, 2), hash));
    expect(Buffer.compare(onDisk, png)).toBe(0);

    const get = await t.app.request(`${API_PREFIX}/captures/${id}/screenshot`, { headers: authHeaders(t.token) });
    expect(get.status).toBe(200);
    expect(get.headers.get('Content-Type')).toBe('image/png');
    expect(get.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(get.headers.get('Cache-Control')).toBe('private, no-cache');
    expect(Buffer.compare(Buffer.from(await get.arrayBuffer()), png)).toBe(0);

    const etag = get.headers.get('ETag') ?? '';
    const cached = await t.app.request(`${API_PREFIX}/captures/${id}/screenshot`, {
      headers: authHeaders(t.token, { 'If-None-Match': etag }),
    });
    expect(cached.status).toBe(304);
    expect(await t.screenshots.pendingTempFiles()).toEqual([]);
  });

  it('makes browsers revalidate each time, so an erased screenshot does not outlive its erasure in their caches', async () => {
    const id = await seed();
    const png = fakePng(4096, 3);
    expect((await putScreenshot(t, id, png, 'image/png')).status).toBe(201);
    const get = await t.app.request(`${API_PREFIX}/captures/${id}/screenshot`, { headers: authHeaders(t.token) });
    const etag = get.headers.get('ETag') ?? '';
    expect(etag).toBe(`"${sha256(png)}"`);
    expect(get.headers.get('Cache-Control')).toBe('private, no-cache');
    await get.arrayBuffer();

    const revalidate = (ifNoneMatch: string) =>
      t.app.request(`${API_PREFIX}/captures/${id}/screenshot`, { headers: authHeaders(t.token, { 'If-None-Match': ifNoneMatch }) });
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const cached = await revalidate(header);
      expect(cached.status).toBe(304);
      expect(cached.headers.get('Cache-Control')).toBe('private, no-cache');
      expect(cached.headers.get('ETag')).toBe(etag);
    }
    expect((await revalidate('"something-else"')).status).toBe(200);

    expect((await t.app.request(`${API_PREFIX}/captures/${id}`, { method: 'DELETE', headers: authHeaders(t.token) })).status).toBe(204);
    const afterErasure = await revalidate(etag);
    expect(afterErasure.status).toBe(404);
    expect(afterErasure.headers.get('Cache-Control')).toBe('no-store');
  });

  it('accepts a streamed body without Content-Length', async () => {
    const id = await seed();
    const res = await putScreenshot(t, id, chunked(3 * 1024 * 1024 + 5, 'image/webp'), 'image/webp');
    expect(res.status).toBe(201);
    expect((await storedScreenshot(id))?.bytes).toBe(3 * 1024 * 1024 + 5);
  });

  it('200 for the same bytes again, 409 for different bytes, keeping the first', async () => {
    const id = await seed();
    const png = fakePng(2048, 1);
    expect((await putScreenshot(t, id, png)).status).toBe(201);
    const again = await putScreenshot(t, id, png);
    expect(again.status).toBe(200);
    expect(capture.parse(await again.json()).screenshot?.sha256).toBe(sha256(png));
    await expectError(await putScreenshot(t, id, fakePng(2048, 2)), 409, 'conflict');
    expect((await storedScreenshot(id))?.sha256).toBe(sha256(png));
    expect(await t.screenshots.pendingTempFiles()).toEqual([]);
  });

  it('415 for a Content-Type that is not webp, png or jpeg', async () => {
    const id = await seed();
    for (const type of ['image/gif', 'application/octet-stream', 'text/plain']) {
      const error = await expectError(await putScreenshot(t, id, fakePng(), type), 415, 'unsupported_media_type');
      expect(error.message).toContain('image/webp');
    }
    const jpeg = await putScreenshot(t, id, fakeImage('image/jpeg'), 'IMAGE/JPEG; q=1');
    expect(jpeg.status).toBe(201);
  });

  it('415 naming the body when its magic bytes are not the image type claimed, storing nothing', async () => {
    const id = await seed();
    const random = new Uint8Array(4096).map((_, i) => (i * 97 + 13) & 0xff);
    for (const [bytes, type] of [
      [random, 'image/webp'],
      [fakeImage('image/png'), 'image/jpeg'],
      [fakeImage('image/jpeg'), 'image/webp'],
      [fakeImage('image/webp'), 'image/png'],
      [new Uint8Array([0x89, 0x50]), 'image/png'],
    ] as const) {
      const error = await expectError(await putScreenshot(t, id, bytes, type), 415, 'unsupported_media_type');
      expect(error.issues?.[0]?.path).toBe('(body)');
      expect(error.message).toContain(type);
    }
    expect(await storedScreenshot(id)).toBeNull();
    expect(await t.screenshots.pendingTempFiles()).toEqual([]);
    for (const type of ['image/png', 'image/jpeg', 'image/webp'] as const) {
      const other = await seed();
      expect((await putScreenshot(t, other, fakeImage(type, 100), type)).status).toBe(201);
    }
  });

  it('413 past the size limit, whether declared, undeclared or misdeclared, storing nothing', async () => {
    const id = await seed();
    const tooBig = SCREENSHOT_MAX_BYTES + 1;
    await expectError(
      await putScreenshot(t, id, fakePng(16), 'image/png', { 'Content-Length': String(tooBig) }),
      413,
      'payload_too_large',
    );
    await expectError(await putScreenshot(t, id, chunked(tooBig)), 413, 'payload_too_large');
    await expectError(await putScreenshot(t, id, chunked(tooBig), 'image/png', { 'Content-Length': '100' }), 413, 'payload_too_large');
    expect(await storedScreenshot(id)).toBeNull();
    expect(await t.screenshots.pendingTempFiles()).toEqual([]);

    const exactly = await putScreenshot(t, id, chunked(SCREENSHOT_MAX_BYTES));
    expect(exactly.status).toBe(201);
  });

  it('400 for an empty body', async () => {
    const id = await seed();
    const error = await expectError(await putScreenshot(t, id, new Uint8Array(0)), 400, 'invalid_request');
    expect(error.message).toMatch(/empty/);
  });

  it('404 for an unknown capture, 400 naming id for a malformed one', async () => {
    await expectError(await putScreenshot(t, newCaptureId(), fakePng()), 404, 'not_found');
    const bad = await expectError(await putScreenshot(t, 'abc', fakePng()), 400, 'invalid_request');
    expect(bad.issues?.[0]?.path).toBe('id');
  });

  it("403 when attaching to someone else's capture", async () => {
    const id = await seed();
    const other = await addUser(t.store, 'Bob');
    await expectError(await putScreenshot({ app: t.app, token: other.token }, id, fakePng()), 403, 'forbidden');
    expect(await storedScreenshot(id)).toBeNull();
  });

  it('409 for a capture kind that has no screenshot', async () => {
    const id = await seed({ kind: 'friction' });
    await expectError(await putScreenshot(t, id, fakePng()), 409, 'conflict');
  });
});

describe('GET /api/v1/captures/:id/screenshot', () => {
  it('404 while no screenshot is attached or the capture does not exist', async () => {
    const id = await seed();
    for (const target of [id, newCaptureId()]) {
      const res = await t.app.request(`${API_PREFIX}/captures/${target}/screenshot`, { headers: authHeaders(t.token) });
      await expectError(res, 404, 'not_found');
    }
  });
});

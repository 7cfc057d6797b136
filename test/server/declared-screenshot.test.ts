import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_PREFIX, apiError } from '#shared/api';
import { feedPage } from '#shared/review';
import { capture, type ScreenshotInfo } from '#shared/capture';
import { authHeaders, fakePng, makeTestApp, postCapture, putScreenshot, sampleCaptureInput, type TestApp } from './helpers';

// A capture that declares its screenshot is one unit with it: invisible to readers until exactly
// the declared bytes have arrived.

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

function declare(bytes: Uint8Array, contentType: ScreenshotInfo['contentType'] = 'image/png'): ScreenshotInfo {
  return { contentType, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

async function feedIds(): Promise<string[]> {
  const res = await t.app.request(`${API_PREFIX}/captures`, { headers: authHeaders(t.token) });
  return feedPage.parse(await res.json()).items.map((item) => item.id);
}

async function getStatus(id: string): Promise<number> {
  return (await t.app.request(`${API_PREFIX}/captures/${id}`, { headers: authHeaders(t.token) })).status;
}

describe('a capture with a declared screenshot', () => {
  it('is absent from the feed and from GET until its screenshot arrives, then appears with it', async () => {
    const image = fakePng(4000, 1);
    const input = sampleCaptureInput({ screenshot: declare(image) });
    const visible = sampleCaptureInput({ kind: 'clip', quote: 'unrelated clip' });
    expect((await postCapture(t, input)).status).toBe(201);
    expect((await postCapture(t, visible)).status).toBe(201);

    expect(await feedIds()).toEqual([visible.id]);
    expect(await getStatus(input.id)).toBe(404);
    // A retry of the record while the image is still on its way is still the same capture.
    expect((await postCapture(t, input)).status).toBe(200);

    const put = await putScreenshot(t, input.id, image, 'image/png');
    expect(put.status).toBe(201);
    expect(capture.parse(await put.json()).screenshot).toEqual(declare(image));
    expect((await feedIds()).sort()).toEqual([input.id, visible.id].sort());
    expect(await getStatus(input.id)).toBe(200);
  });

  it('refuses bytes, a size or a type other than declared, and stays unpublished', async () => {
    const image = fakePng(4000, 1);
    const input = sampleCaptureInput({ screenshot: declare(image) });
    expect((await postCapture(t, input)).status).toBe(201);

    for (const [bytes, type] of [
      [fakePng(4000, 2), 'image/png'],
      [image, 'image/webp'],
    ] as const) {
      const res = await putScreenshot(t, input.id, bytes, type);
      expect(res.status).toBe(409);
      expect(apiError.parse(await res.json()).error.message).toContain('not the screenshot declared');
    }
    expect(await feedIds()).toEqual([]);

    expect((await putScreenshot(t, input.id, image, 'image/png')).status).toBe(201);
    expect(await feedIds()).toEqual([input.id]);
  });

  it('lets any kind that declared a screenshot take one', async () => {
    const image = fakePng(2000, 3);
    const input = sampleCaptureInput({ kind: 'friction', screenshot: declare(image) });
    expect((await postCapture(t, input)).status).toBe(201);
    expect((await putScreenshot(t, input.id, image, 'image/png')).status).toBe(201);
    expect(await feedIds()).toEqual([input.id]);
  });

  it('counts the declaration in idempotency: the same id with another declaration is a conflict', async () => {
    const input = sampleCaptureInput({ screenshot: declare(fakePng(1000, 1)) });
    expect((await postCapture(t, input)).status).toBe(201);
    expect((await postCapture(t, { ...input, screenshot: declare(fakePng(1000, 2)) })).status).toBe(409);
  });
});

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { finishDeletion } from '../../server/data/finish-deletion';
import { drainScreenshotErasures, eraseScreenshots, sweepOrphanScreenshots } from '../../server/data/screenshot-erasure';
import { API_PREFIX, authHeaders, fakePng, makeTestApp, postCapture, putScreenshot, sampleCaptureInput, type TestApp } from './helpers';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await t.close();
});

const admin = { actor: { id: 'admin', name: 'Admin' } };
const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A screenshot capture by the admin with these bytes; answers its id. */
async function captureWith(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const input = sampleCaptureInput();
  expect((await postCapture(t, input)).status).toBe(201);
  expect((await putScreenshot(t, input.id, bytes)).status).toBe(201);
  return input.id;
}

async function imageStatus(id: string): Promise<number> {
  return (await t.app.request(`${API_PREFIX}/captures/${id}/screenshot`, { headers: authHeaders(t.token) })).status;
}

describe('erasing screenshot files', () => {
  it('keeps the file when an undeclared upload of the same bytes to another capture lands after the deletion committed', async () => {
    const bytes = fakePng(600, 9);
    const doomed = await captureWith(bytes);
    const result = await t.store.dataControl.deleteCapture(doomed, admin);
    expect(result.unreferencedScreenshots).toEqual([sha256Of(bytes)]);

    // Between the commit and the file's removal, another capture uploads the very same bytes.
    const other = sampleCaptureInput();
    expect((await postCapture(t, other)).status).toBe(201);
    expect((await putScreenshot(t, other.id, bytes)).status).toBe(201);

    await finishDeletion(t, result, { actorId: null, at: new Date().toISOString() });
    expect(existsSync(t.screenshots.pathFor(sha256Of(bytes)))).toBe(true);
    expect(await imageStatus(other.id)).toBe(200);
    expect(await t.store.dataControl.pendingScreenshotErasures(10)).toEqual([]);
  });

  it('makes an upload of the same bytes wait while the erasure checks and removes the file', async () => {
    const bytes = fakePng(700, 10);
    const sha = sha256Of(bytes);
    const doomed = await captureWith(bytes);
    await t.store.dataControl.deleteCapture(doomed, admin);

    let answer: (() => void) | undefined;
    const checked = new Promise<void>((resolve) => (answer = resolve));
    const inUse = t.store.dataControl.screenshotsInUse.bind(t.store.dataControl);
    vi.spyOn(t.store.dataControl, 'screenshotsInUse').mockImplementationOnce(async (shas) => {
      const used = await inUse(shas);
      // The erasure has its answer ("unused") but has not removed the file yet.
      await checked;
      return used;
    });
    const exclusive = vi.spyOn(t.screenshots, 'exclusive');
    const erasing = eraseScreenshots(t, [sha]);

    const other = sampleCaptureInput();
    expect((await postCapture(t, other)).status).toBe(201);
    const uploading = putScreenshot(t, other.id, bytes);
    // The upload has its bytes and asks for the file's lock, which the erasure holds.
    await vi.waitFor(() => expect(exclusive.mock.calls.filter(([key]) => key === sha)).toHaveLength(2));
    answer?.();

    expect(await erasing).toBe(1);
    expect((await uploading).status).toBe(201);
    expect(existsSync(t.screenshots.pathFor(sha))).toBe(true);
    expect(await imageStatus(other.id)).toBe(200);
  });

  it('keeps a file that could not be removed in the journal, and removes it at the next drain', async () => {
    const bytes = fakePng(800, 11);
    const sha = sha256Of(bytes);
    const doomed = await captureWith(bytes);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(t.screenshots, 'delete').mockRejectedValueOnce(Object.assign(new Error('EBUSY'), { code: 'EBUSY' }));

    const result = await t.store.dataControl.deleteCapture(doomed, admin);
    await finishDeletion(t, result, { actorId: null, at: new Date().toISOString() });
    expect(existsSync(t.screenshots.pathFor(sha))).toBe(true);
    expect(await t.store.dataControl.pendingScreenshotErasures(10)).toEqual([sha]);

    expect(await drainScreenshotErasures(t)).toBe(1);
    expect(existsSync(t.screenshots.pathFor(sha))).toBe(false);
    expect(await t.store.dataControl.pendingScreenshotErasures(10)).toEqual([]);
  });

  it('sweeps files no capture points at (attached or announced), and leaves other files alone', async () => {
    const kept = fakePng(500, 12);
    const keptId = await captureWith(kept);
    const announced = fakePng(500, 13);
    const waiting = sampleCaptureInput({ screenshot: { contentType: 'image/png', bytes: announced.byteLength, sha256: sha256Of(announced) } });
    expect((await postCapture(t, waiting)).status).toBe(201);

    // Left by a deletion before the journal existed, and by an upload whose process died before its row.
    const orphans = [fakePng(500, 14), fakePng(500, 15), announced];
    for (const bytes of orphans) {
      const path = t.screenshots.pathFor(sha256Of(bytes));
      await mkdir(join(path, '..'), { recursive: true });
      await writeFile(path, bytes);
    }
    const stranger = join(t.dataDir, 'screenshots', 'README.txt');
    await writeFile(stranger, 'not a screenshot');

    expect(await sweepOrphanScreenshots(t)).toBe(2);
    expect(existsSync(t.screenshots.pathFor(sha256Of(orphans[0] ?? kept)))).toBe(false);
    expect(existsSync(t.screenshots.pathFor(sha256Of(orphans[1] ?? kept)))).toBe(false);
    expect(existsSync(t.screenshots.pathFor(sha256Of(announced)))).toBe(true);
    expect(existsSync(stranger)).toBe(true);
    expect(await imageStatus(keptId)).toBe(200);
  });
});

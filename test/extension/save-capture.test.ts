import { uuidv7 } from 'uuidv7';
import { describe, expect, it, vi } from 'vitest';
import type { StoredImage } from '@/lib/db';
import { putDraft } from '@/lib/drafts';
import { encodeScreenshot, type ImageEncoder } from '@/lib/encode-screenshot';
import { getScreenshot, listOutbox } from '@/lib/outbox';
import { ok } from '@/lib/result';
import { buildCaptureInput, parseTags, saveCapture, type SaveCaptureDeps } from '@/lib/save-capture';
import { clipDraft, freshDb, pngImage, screenshotDraft } from './helpers';

const highlight = { type: 'rect', x: 0.1, y: 0.1, width: 0.2, height: 0.2, color: '#ff3b30' } as const;

describe('parseTags', () => {
  it('splits on commas and drops empty ones', () => {
    expect(parseTags(' Billing, blocked ,, ')).toEqual(['Billing', 'blocked']);
    expect(parseTags('')).toEqual([]);
  });
});

describe('buildCaptureInput', () => {
  it('builds a screenshot capture the shared schema accepts', () => {
    const draft = screenshotDraft();
    const id = uuidv7();
    const built = buildCaptureInput(draft, { comment: ' Broken ', tags: 'Billing, billing, blocked', annotations: [highlight] }, id);
    expect(built).toEqual(
      ok({
        id,
        kind: 'screenshot',
        page: draft.page,
        comment: 'Broken',
        tags: ['billing', 'blocked'],
        createdAt: draft.createdAt,
        annotations: [highlight],
        environment: draft.environment,
      }),
    );
  });

  it('builds a clip with its quote and no highlights', () => {
    const built = buildCaptureInput(clipDraft(), { comment: '', tags: '', annotations: [highlight] }, uuidv7());
    expect(built).toMatchObject({ ok: true, value: { kind: 'clip', quote: 'Export is disabled for this account', annotations: [] } });
  });

  it('names the field that is wrong, by its label', () => {
    const built = buildCaptureInput(screenshotDraft(), { comment: '', tags: `fine, ${'x'.repeat(41)}`, annotations: [] }, uuidv7());
    expect(built).toEqual({ ok: false, reason: 'Tags: a tag is at most 40 characters' });
  });
});

function encoderAnswering(answer: (type: string, quality: number) => Blob | null): ImageEncoder & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    encode: async (type, quality) => {
      calls.push(`${type}@${quality}`);
      return answer(type, quality);
    },
  };
}

describe('encodeScreenshot', () => {
  const original = pngImage(1000);

  it('uses WebP when the browser can encode it', async () => {
    const encoder = encoderAnswering((type) => new Blob([new Uint8Array(300)], { type }));
    const encoded = await encodeScreenshot(original, encoder);
    expect(encoded.ok && encoded.value.contentType).toBe('image/webp');
    expect(encoded.ok && encoded.value.bytes.byteLength).toBe(300);
  });

  it('keeps the PNG when asking for WebP gives back PNG', async () => {
    const encoder = encoderAnswering(() => new Blob([new Uint8Array(900)], { type: 'image/png' }));
    await expect(encodeScreenshot(original, encoder)).resolves.toEqual(ok(original));
  });

  it('compresses harder, then falls back to JPEG, to fit the server’s limit', async () => {
    const sizes: Record<string, number> = { 'image/webp@0.9': 700, 'image/webp@0.75': 600, 'image/jpeg@0.85': 450 };
    const encoder = encoderAnswering((type, quality) => new Blob([new Uint8Array(sizes[`${type}@${quality}`] ?? 0)], { type }));
    const encoded = await encodeScreenshot(original, encoder, 500);
    expect(encoder.calls).toEqual(['image/webp@0.9', 'image/webp@0.75', 'image/jpeg@0.85']);
    expect(encoded.ok && encoded.value.contentType).toBe('image/jpeg');
  });

  it('says so when nothing fits', async () => {
    const encoder = encoderAnswering(() => null);
    await expect(encodeScreenshot(original, encoder, 10)).resolves.toMatchObject({ ok: false });
  });
});

describe('saveCapture', () => {
  const deps = (db: SaveCaptureDeps['db'], encode = vi.fn(async (image: StoredImage) => ok(image))): SaveCaptureDeps => ({
    db,
    encode,
    now: () => 42,
    newId: uuidv7,
  });

  it('validates, encodes and moves the draft into the outbox', async () => {
    const db = await freshDb();
    const draft = screenshotDraft();
    await putDraft(db, draft);
    const webp: StoredImage = { bytes: new Uint8Array(10).buffer, contentType: 'image/webp' };
    const saved = await saveCapture(deps(db, vi.fn(async () => ok(webp))), draft, {
      comment: 'Broken',
      tags: 'billing',
      annotations: [highlight],
    });
    expect(saved).toMatchObject({ ok: true, value: { state: 'waiting', savedAt: 42, screenshot: { contentType: 'image/webp', bytes: 10 } } });
    const [entry] = await listOutbox(db);
    expect(entry?.input).toMatchObject({ comment: 'Broken', annotations: [highlight] });
    expect((await getScreenshot(db, entry?.id ?? ''))?.contentType).toBe('image/webp');
    expect(await db.count('drafts')).toBe(0);
  });

  it('writes nothing when the input is invalid', async () => {
    const db = await freshDb();
    const draft = screenshotDraft();
    await putDraft(db, draft);
    const encode = vi.fn(async (image: StoredImage) => ok(image));
    const saved = await saveCapture(deps(db, encode), draft, { comment: 'x'.repeat(10_001), tags: '', annotations: [] });
    expect(saved).toMatchObject({ ok: false, reason: expect.stringMatching(/^Comment: /) });
    expect(encode).not.toHaveBeenCalled();
    expect(await db.count('outbox')).toBe(0);
    expect(await db.count('drafts')).toBe(1);
  });

  it('refuses to save the same draft twice', async () => {
    const db = await freshDb();
    const draft = clipDraft();
    await putDraft(db, draft);
    const input = { comment: '', tags: '', annotations: [] };
    expect((await saveCapture(deps(db), draft, input)).ok).toBe(true);
    expect(await saveCapture(deps(db), draft, input)).toEqual({ ok: false, reason: 'This capture was already saved or discarded' });
    expect(await db.count('outbox')).toBe(1);
  });
});

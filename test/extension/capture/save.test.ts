import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '#shared/annotation';
import { ALL_SCRUBBERS } from '#shared/pii';
import { putDraft } from '@/lib/capture/draft-store';
import { encodeScreenshot, type ImageEncoder } from '@/lib/image/encode';
import { getScreenshot, listOutbox } from '@/lib/outbox/queue';
import { ok } from '@/lib/result';
import { buildCaptureInput, parseTags, saveCapture, scrubCaptureText, type SaveCaptureDeps } from '@/lib/capture/save';
import { decodeFakeImage, encodeFakeImage, fakeCanvases, noisyPixels, pixelAt } from '../fake-canvas';
import { clipDraft, freshDb, screenshotDraft } from '../helpers';

const highlight = { type: 'rect', x: 0.1, y: 0.1, width: 0.2, height: 0.2, color: '#ff3b30' } as const;
const noScrubbing = { email: false, phone: false, card: false, token: false };

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
    const built = buildCaptureInput(draft, { comment: ' Broken ', tags: 'Billing, billing, blocked', annotations: [highlight] }, id, ALL_SCRUBBERS);
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
    const built = buildCaptureInput(clipDraft(), { comment: '', tags: '', annotations: [highlight] }, uuidv7(), ALL_SCRUBBERS);
    expect(built).toMatchObject({ ok: true, value: { kind: 'clip', quote: 'Export is disabled for this account', annotations: [] } });
  });

  it('names the field that is wrong, by its label', () => {
    const built = buildCaptureInput(screenshotDraft(), { comment: '', tags: `fine, ${'x'.repeat(41)}`, annotations: [] }, uuidv7(), ALL_SCRUBBERS);
    expect(built).toEqual({ ok: false, reason: 'Tags: a tag is at most 40 characters' });
  });

  it('scrubs the comment, the quote, the page address and the title', () => {
    const draft = clipDraft({
      page: { url: 'https://app.example.com/reset?token=s3cr3t&page=2', title: 'Ticket from jane@example.com' },
      quote: 'Call me on +1 (555) 123-4567',
    });
    const built = buildCaptureInput(draft, { comment: 'Paid with 4111 1111 1111 1111', tags: '', annotations: [] }, uuidv7(), ALL_SCRUBBERS);
    expect(built).toMatchObject({
      ok: true,
      value: {
        page: { url: 'https://app.example.com/reset?token=[redacted]&page=2', title: 'Ticket from [email]' },
        quote: 'Call me on [phone]',
        comment: 'Paid with [card]',
      },
    });
  });

  it('leaves the text alone with every scrubber off', () => {
    const draft = clipDraft({ quote: 'jane@example.com' });
    const built = buildCaptureInput(draft, { comment: 'jane@example.com', tags: '', annotations: [] }, uuidv7(), noScrubbing);
    expect(built).toMatchObject({ ok: true, value: { quote: 'jane@example.com', comment: 'jane@example.com' } });
  });
});

describe('scrubCaptureText', () => {
  it('counts what it hides, for the editor to tell the user', () => {
    const draft = screenshotDraft({ page: { url: 'https://a.example/?session=abc', title: 'x' } });
    expect(scrubCaptureText(draft, 'a@example.com, b@example.com', ALL_SCRUBBERS).found).toEqual({ email: 2, phone: 0, card: 0, token: 1 });
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
  it('uses WebP when the browser can encode it', async () => {
    const encoder = encoderAnswering((type) => new Blob([new Uint8Array(300)], { type }));
    const encoded = await encodeScreenshot(encoder);
    expect(encoded.ok && encoded.value.contentType).toBe('image/webp');
    expect(encoded.ok && encoded.value.bytes.byteLength).toBe(300);
  });

  it('takes the PNG a browser without WebP answers, and asks for WebP only once', async () => {
    const encoder = encoderAnswering(() => new Blob([new Uint8Array(900)], { type: 'image/png' }));
    const encoded = await encodeScreenshot(encoder);
    expect(encoded.ok && encoded.value.contentType).toBe('image/png');
    expect(encoder.calls).toEqual(['image/webp@0.9']);
  });

  it('compresses harder, then tries PNG, then falls back to JPEG, to fit the server’s limit', async () => {
    const sizes: Record<string, number> = { 'image/webp@0.9': 700, 'image/webp@0.75': 600, 'image/png@1': 900, 'image/jpeg@0.85': 450 };
    const encoder = encoderAnswering((type, quality) => new Blob([new Uint8Array(sizes[`${type}@${quality}`] ?? 0)], { type }));
    const encoded = await encodeScreenshot(encoder, 500);
    expect(encoder.calls).toEqual(['image/webp@0.9', 'image/webp@0.75', 'image/png@1', 'image/jpeg@0.85']);
    expect(encoded.ok && encoded.value.contentType).toBe('image/jpeg');
  });

  it('says so when nothing fits', async () => {
    const encoder = encoderAnswering(() => null);
    await expect(encodeScreenshot(encoder, 10)).resolves.toMatchObject({ ok: false });
  });
});

describe('saveCapture', () => {
  const deps = (db: SaveCaptureDeps['db'], canvases = fakeCanvases()): SaveCaptureDeps => ({
    db,
    canvases,
    scrub: ALL_SCRUBBERS,
    now: () => 42,
    newId: uuidv7,
  });

  it('validates, encodes and moves the draft into the outbox', async () => {
    const db = await freshDb();
    const draft = screenshotDraft({ image: encodeFakeImage(noisyPixels(40, 20)) });
    await putDraft(db, draft);
    const saved = await saveCapture(deps(db), draft, { comment: 'Broken', tags: 'billing', annotations: [highlight] });
    expect(saved).toMatchObject({ ok: true, value: { state: 'waiting', savedAt: 42, screenshot: { contentType: 'image/webp' } } });
    const [entry] = await listOutbox(db);
    expect(entry?.input).toMatchObject({ comment: 'Broken', annotations: [highlight] });
    expect((await getScreenshot(db, entry?.id ?? ''))?.contentType).toBe('image/webp');
    expect(await db.count('drafts')).toBe(0);
  });

  it('stores scrubbed text: the original text is nowhere in the outbox', async () => {
    const db = await freshDb();
    const draft = screenshotDraft({
      page: { url: 'https://app.example.com/accounts/8812?access_token=eyJabc.def.ghi', title: 'Jane <jane@example.com>' },
      image: encodeFakeImage(noisyPixels(8, 8)),
    });
    await putDraft(db, draft);
    await saveCapture(deps(db), draft, { comment: 'Reach me at jane@example.com or 555-123-4567', tags: '', annotations: [] });
    const [entry] = await listOutbox(db);
    const stored = JSON.stringify(entry);
    expect(entry?.input).toMatchObject({
      comment: 'Reach me at [email] or [phone]',
      page: { url: 'https://app.example.com/accounts/8812?access_token=[redacted]', title: 'Jane <[email]>' },
    });
    expect(stored).not.toContain('jane@example.com');
    expect(stored).not.toContain('eyJabc');
    expect(stored).not.toContain('555-123-4567');
  });

  it('burns redactions into the uploaded pixels; the original bytes never reach the outbox', async () => {
    const db = await freshDb();
    const original = noisyPixels(100, 50);
    const draft = screenshotDraft({ image: encodeFakeImage(original) });
    await putDraft(db, draft);
    const redactions: Annotation[] = [
      { type: 'redact', x: 0.1, y: 0.2, width: 0.3, height: 0.4, style: 'solid' },
      { type: 'redact', x: 0.6, y: 0.2, width: 0.3, height: 0.6, style: 'blur', reason: 'password field' },
    ];
    await saveCapture(deps(db), draft, { comment: '', tags: '', annotations: [highlight, ...redactions] });

    const [entry] = await listOutbox(db);
    const stored = await getScreenshot(db, entry?.id ?? '');
    if (!stored) throw new Error('no screenshot stored');
    const uploaded = decodeFakeImage(stored.bytes);
    // Inside the solid box: black. Inside the pixelated one: not the original pixel any more.
    expect(pixelAt(uploaded, 20, 20)).toEqual([0, 0, 0, 255]);
    expect(pixelAt(uploaded, 75, 25)).not.toEqual(pixelAt(original, 75, 25));
    // Outside every redaction (the highlight is only a vector): untouched.
    expect(pixelAt(uploaded, 2, 2)).toEqual(pixelAt(original, 2, 2));
    expect(pixelAt(uploaded, 50, 45)).toEqual(pixelAt(original, 50, 45));
    // Nothing in IndexedDB still holds the captured image: the draft went in the same transaction.
    expect(await db.count('drafts')).toBe(0);
    const capturedBytes = Buffer.from(encodeFakeImage(original).bytes);
    const storedImages = await db.getAll('screenshots');
    expect(storedImages).toHaveLength(1);
    expect(storedImages.some(({ bytes }) => Buffer.from(bytes).equals(capturedBytes))).toBe(false);
  });

  it('uploads only the cropped part, with the redactions placed in it', async () => {
    const db = await freshDb();
    const original = noisyPixels(100, 50);
    const draft = screenshotDraft({ image: encodeFakeImage(original) });
    await putDraft(db, draft);
    const crop = { x: 0.5, y: 0, width: 0.5, height: 1 };
    const redact: Annotation = { type: 'redact', x: 0, y: 0, width: 0.5, height: 0.5, style: 'solid' };
    await saveCapture(deps(db), draft, { comment: '', tags: '', annotations: [redact], crop });
    const [entry] = await listOutbox(db);
    const uploaded = decodeFakeImage((await getScreenshot(db, entry?.id ?? ''))?.bytes ?? new ArrayBuffer(0));
    expect([uploaded.width, uploaded.height]).toEqual([50, 50]);
    expect(pixelAt(uploaded, 5, 5)).toEqual([0, 0, 0, 255]);
    expect(pixelAt(uploaded, 40, 40)).toEqual(pixelAt(original, 90, 40));
  });

  it('keeps the draft and writes nothing when the screenshot cannot be decoded', async () => {
    const db = await freshDb();
    const draft = screenshotDraft({ image: { bytes: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]).buffer, contentType: 'image/png' } });
    await putDraft(db, draft);
    const saved = await saveCapture(deps(db), draft, { comment: '', tags: '', annotations: [] });
    expect(saved).toMatchObject({ ok: false, reason: expect.stringContaining('could not prepare the screenshot') });
    expect(await db.count('outbox')).toBe(0);
    expect(await db.count('drafts')).toBe(1);
  });

  it('writes nothing when the input is invalid', async () => {
    const db = await freshDb();
    const draft = screenshotDraft({ image: encodeFakeImage(noisyPixels(4, 4)) });
    await putDraft(db, draft);
    const canvases = fakeCanvases();
    const saved = await saveCapture(deps(db, canvases), draft, { comment: 'x'.repeat(10_001), tags: '', annotations: [] });
    expect(saved).toMatchObject({ ok: false, reason: expect.stringMatching(/^Comment: /) });
    expect(canvases.opened).toHaveLength(0);
    expect(await db.count('outbox')).toBe(0);
    expect(await db.count('drafts')).toBe(1);
  });

  it('refuses to save the same draft twice', async () => {
    const db = await freshDb();
    const draft = clipDraft();
    await putDraft(db, draft);
    const input = { comment: '', tags: '', annotations: [] };
    expect((await saveCapture(deps(db), draft, input)).ok).toBe(true);
    expect(await saveCapture(deps(db), draft, input)).toMatchObject({ ok: false, reason: 'This capture was already saved or discarded' });
    expect(await db.count('outbox')).toBe(1);
  });
});

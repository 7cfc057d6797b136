import { SCREENSHOT_MAX_BYTES, type ScreenshotContentType } from '#shared/capture';
import type { StoredImage } from './db';
import { fail, ok, type Result } from './result';

/** The screenshot drawn on a canvas, ready to be encoded: `canvas.toBlob`, behind an interface. */
export interface ImageEncoder {
  encode(type: ScreenshotContentType, quality: number): Promise<Blob | null>;
}

type Candidate = { type: ScreenshotContentType; quality: number } | 'original';

// WebP is far smaller than the captured PNG. A browser that can't encode WebP answers PNG from
// `toBlob`, hence the type check; JPEG is the last resort for a screenshot too large otherwise.
const candidates: Candidate[] = [
  { type: 'image/webp', quality: 0.9 },
  { type: 'image/webp', quality: 0.75 },
  'original',
  { type: 'image/jpeg', quality: 0.85 },
  { type: 'image/jpeg', quality: 0.6 },
];

/** The screenshot in the smallest-fitting format the server takes, ideally WebP. */
export async function encodeScreenshot(
  original: StoredImage,
  encoder: ImageEncoder,
  maxBytes = SCREENSHOT_MAX_BYTES,
): Promise<Result<StoredImage>> {
  for (const candidate of candidates) {
    if (candidate === 'original') {
      if (original.bytes.byteLength <= maxBytes) return ok(original);
      continue;
    }
    const blob = await encoder.encode(candidate.type, candidate.quality);
    if (blob && blob.type === candidate.type && blob.size <= maxBytes) {
      return ok({ bytes: await blob.arrayBuffer(), contentType: candidate.type });
    }
  }
  return fail(`The screenshot is too large to send (over ${Math.round(maxBytes / 1024 / 1024)} MB), even compressed`);
}

/** Draw the image on a canvas of its own size (in a page: needs `document`). */
export async function canvasEncoder(image: StoredImage): Promise<ImageEncoder> {
  const bitmap = await createImageBitmap(new Blob([image.bytes], { type: image.contentType }));
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw the screenshot');
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  return {
    encode: (type, quality) => new Promise((resolve) => canvas.toBlob(resolve, type, quality)),
  };
}

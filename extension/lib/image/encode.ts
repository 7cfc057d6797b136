import { SCREENSHOT_MAX_BYTES, screenshotContentType, type ScreenshotContentType } from '#shared/capture';
import type { StoredImage } from '../capture/draft';
import { fail, ok, type Result } from '../result';

/** A canvas ready to be encoded: `canvas.toBlob`, behind an interface. */
export interface ImageEncoder {
  encode(type: ScreenshotContentType, quality: number): Promise<Blob | null>;
}

interface Candidate {
  type: ScreenshotContentType;
  quality: number;
}

// WebP is far smaller than PNG. JPEG is the last resort for a screenshot too large otherwise.
const candidates: Candidate[] = [
  { type: 'image/webp', quality: 0.9 },
  { type: 'image/webp', quality: 0.75 },
  { type: 'image/png', quality: 1 },
  { type: 'image/jpeg', quality: 0.85 },
  { type: 'image/jpeg', quality: 0.6 },
];

/**
 * The canvas in the smallest-fitting format the server takes, ideally WebP. Always an encoding of
 * the canvas, never the captured bytes: the canvas is where redactions were burned in.
 */
export async function encodeScreenshot(encoder: ImageEncoder, maxBytes = SCREENSHOT_MAX_BYTES): Promise<Result<StoredImage>> {
  // A browser that can't encode a type answers PNG from `toBlob`: no use asking it again.
  const unsupported = new Set<ScreenshotContentType>();
  for (const candidate of candidates) {
    if (unsupported.has(candidate.type)) continue;
    const blob = await encoder.encode(candidate.type, candidate.quality);
    if (!blob) continue;
    if (blob.type !== candidate.type) unsupported.add(candidate.type);
    const type = screenshotContentType.safeParse(blob.type);
    if (type.success && blob.size <= maxBytes) return ok({ bytes: await blob.arrayBuffer(), contentType: type.data });
  }
  return fail(`The screenshot is too large to send (over ${Math.round(maxBytes / 1024 / 1024)} MB), even compressed`);
}

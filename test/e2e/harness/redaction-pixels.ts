import { expect } from 'vitest';
import type { Annotation } from '#shared/annotation';

/** A box in fractions of an image. */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface RegionStats {
  /** Mean absolute brightness step between neighbouring pixels: high for text, ~0 for flat colour. */
  uploadedEdges: number;
  originalEdges: number;
  /** Mean absolute brightness difference between the uploaded and the original image. */
  difference: number;
  uploadedBrightness: number;
}

export interface ImagesToCompare {
  /** Base64 of the image the server stored, and of a screenshot of the same viewport taken by the test. */
  uploaded: string;
  original: string;
  regions: Region[];
}

/**
 * Runs in the browser (page.evaluate sends its source): decodes both images with the browser's own
 * decoder, draws them on canvases and measures each region, a few pixels in from its edges.
 */
export async function measureRegions({ uploaded, original, regions }: ImagesToCompare): Promise<RegionStats[]> {
  async function pixelsOf(base64: string) {
    const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes]));
    const canvas = document.createElement('canvas');
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    context.drawImage(bitmap, 0, 0);
    const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    const gray = (x: number, y: number) => {
      const offset = (Math.round(y) * bitmap.width + Math.round(x)) * 4;
      return 0.299 * (data[offset] ?? 0) + 0.587 * (data[offset + 1] ?? 0) + 0.114 * (data[offset + 2] ?? 0);
    };
    return { width: bitmap.width, height: bitmap.height, gray };
  }
  const [after, before] = await Promise.all([pixelsOf(uploaded), pixelsOf(original)]);
  const inset = 4;
  return regions.map((region) => {
    const left = Math.ceil(region.x * after.width) + inset;
    const top = Math.ceil(region.y * after.height) + inset;
    const right = Math.floor((region.x + region.width) * after.width) - inset;
    const bottom = Math.floor((region.y + region.height) * after.height) - inset;
    const scaleX = before.width / after.width;
    const scaleY = before.height / after.height;
    let uploadedEdges = 0;
    let originalEdges = 0;
    let difference = 0;
    let brightness = 0;
    let count = 0;
    for (let y = top + 1; y < bottom; y += 1) {
      for (let x = left + 1; x < right; x += 1) {
        const value = after.gray(x, y);
        uploadedEdges += Math.abs(value - after.gray(x - 1, y)) + Math.abs(value - after.gray(x, y - 1));
        const [ox, oy] = [x * scaleX, y * scaleY];
        const originalValue = before.gray(ox, oy);
        originalEdges += Math.abs(originalValue - before.gray(ox - scaleX, oy)) + Math.abs(originalValue - before.gray(ox, oy - scaleY));
        difference += Math.abs(value - originalValue);
        brightness += value;
        count += 1;
      }
    }
    const mean = (total: number) => total / Math.max(1, count);
    return {
      uploadedEdges: mean(uploadedEdges),
      originalEdges: mean(originalEdges),
      difference: mean(difference),
      uploadedBrightness: mean(brightness),
    };
  });
}

/** The redaction boxes of a capture, by why Snag added them. */
export function redactionsByReason(annotations: readonly Annotation[]): Map<string, Extract<Annotation, { type: 'redact' }>> {
  return new Map(annotations.flatMap((shape) => (shape.type === 'redact' && shape.reason ? [[shape.reason, shape]] : [])));
}

/** What the stored screenshot must show: redacted areas destroyed, the rest as the page looked. */
export function expectRedactedPixels(stats: { solid: RegionStats[]; pixelated: RegionStats; control: RegionStats }): void {
  for (const solid of stats.solid) {
    expect(solid.originalEdges, 'the field showed something before').toBeGreaterThan(2);
    expect(solid.uploadedBrightness, 'a black box').toBeLessThan(20);
    expect(solid.uploadedEdges, 'a flat box').toBeLessThan(1);
  }
  const { pixelated, control } = stats;
  expect(pixelated.originalEdges, 'the private text was legible in the original').toBeGreaterThan(8);
  expect(pixelated.uploadedEdges, 'only a few flat blocks are left of it').toBeLessThan(pixelated.originalEdges * 0.2);
  expect(pixelated.difference, 'the pixels changed').toBeGreaterThan(10);
  expect(control.originalEdges, 'the heading is text').toBeGreaterThan(8);
  expect(control.uploadedEdges, 'the heading is still text').toBeGreaterThan(control.originalEdges * 0.6);
  expect(control.difference, 'the heading is as it was (up to lossy encoding)').toBeLessThan(8);
}

/** Boxes Snag added over what the page showed: each hid something legible, and is flat black now. */
export function expectCoveredPixels(stats: { covered: RegionStats[]; control: RegionStats }): void {
  for (const covered of stats.covered) {
    expect(covered.originalEdges, 'something was legible there before').toBeGreaterThan(2);
    expect(covered.difference, 'the pixels changed').toBeGreaterThan(10);
    expect(covered.uploadedBrightness, 'a black box').toBeLessThan(20);
    expect(covered.uploadedEdges, 'a flat box').toBeLessThan(1);
  }
  expect(stats.control.uploadedEdges, 'the heading is still text').toBeGreaterThan(stats.control.originalEdges * 0.6);
  expect(stats.control.difference, 'the heading is as it was (up to lossy encoding)').toBeLessThan(8);
}

/** What Snag covers on support.html: text on the page, and fields in same-origin frames two deep. */
export const SUPPORT_PAGE_REASONS = [
  'card number shown on the page',
  'email address shown on the page',
  'password field',
  'payment card field',
  'phone number shown on the page',
];

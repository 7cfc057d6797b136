import type { RedactAnnotation } from '#shared/annotation';

/**
 * Redaction destroys pixels; it never hides them under something removable. "solid" paints the
 * box black. "blur" pixelates it with blocks far larger than a character, then pulls every block
 * halfway to the box's average colour: what is left is a few blotches, not text that a de-pixelation
 * tool could guess back. This runs on raw RGBA (as `ImageData` holds it) before any encoding.
 */

/** RGBA, four bytes a pixel, row by row: what `getImageData` answers. */
export interface Pixels {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}

/** A box in whole pixels. */
export interface PixelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Read and write access to an image's pixels: a canvas's `getImageData`/`putImageData`. */
export interface PixelSurface {
  readonly width: number;
  readonly height: number;
  read(box: PixelBox): Pixels;
  write(pixels: Pixels, x: number, y: number): void;
}

const SOLID: readonly [number, number, number] = [0, 0, 0];
/** Anti-aliased edges of a field reach a pixel past its box: take one more on every side. */
const MARGIN = 1;

// 0.2 + 0.1 is 0.30000000000000004: don't let float noise round a whole pixel outwards.
const NOISE = 1e-9;

/** A box in fractions of the image as whole pixels, rounded outwards and held inside the image. */
export function toPixelBox(box: { x: number; y: number; width: number; height: number }, size: { width: number; height: number }): PixelBox | null {
  const left = Math.max(0, Math.floor(box.x * size.width + NOISE) - MARGIN);
  const top = Math.max(0, Math.floor(box.y * size.height + NOISE) - MARGIN);
  const right = Math.min(size.width, Math.ceil((box.x + box.width) * size.width - NOISE) + MARGIN);
  const bottom = Math.min(size.height, Math.ceil((box.y + box.height) * size.height - NOISE) + MARGIN);
  if (right <= left || bottom <= top) return null;
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** Blocks at least 16 px, a 1/80 of the image's width (so as large on a HiDPI capture), a third of the box. */
export const blockSize = (box: PixelBox, imageWidth: number) =>
  Math.max(16, Math.ceil(imageWidth / 80), Math.ceil(Math.min(box.width, box.height) / 3));

/** Burn every redaction into the surface's pixels. */
export function burnRedactions(surface: PixelSurface, redactions: readonly RedactAnnotation[]): void {
  for (const redaction of redactions) {
    const box = toPixelBox(redaction, surface);
    if (!box) continue;
    const pixels = surface.read(box);
    if (redaction.style === 'solid') fillSolid(pixels);
    else pixelate(pixels, blockSize(box, surface.width));
    surface.write(pixels, box.x, box.y);
  }
}

export function fillSolid(pixels: Pixels, [red, green, blue] = SOLID): void {
  for (let offset = 0; offset < pixels.data.length; offset += 4) {
    pixels.data[offset] = red;
    pixels.data[offset + 1] = green;
    pixels.data[offset + 2] = blue;
    pixels.data[offset + 3] = 255;
  }
}

/** Pixelate in place with `block`-sized squares, each pulled halfway towards the overall average. */
export function pixelate(pixels: Pixels, block: number): void {
  const overall = average(pixels, { x: 0, y: 0, width: pixels.width, height: pixels.height });
  for (let top = 0; top < pixels.height; top += block) {
    for (let left = 0; left < pixels.width; left += block) {
      const cell = { x: left, y: top, width: Math.min(block, pixels.width - left), height: Math.min(block, pixels.height - top) };
      const mean = average(pixels, cell);
      const color = [0, 1, 2].map((channel) => Math.round(((mean[channel] ?? 0) + (overall[channel] ?? 0)) / 2));
      paint(pixels, cell, color);
    }
  }
}

function average(pixels: Pixels, cell: PixelBox): number[] {
  const sums = [0, 0, 0];
  for (let y = cell.y; y < cell.y + cell.height; y += 1) {
    for (let x = cell.x; x < cell.x + cell.width; x += 1) {
      const offset = (y * pixels.width + x) * 4;
      for (let channel = 0; channel < 3; channel += 1) sums[channel] = (sums[channel] ?? 0) + (pixels.data[offset + channel] ?? 0);
    }
  }
  const count = Math.max(1, cell.width * cell.height);
  return sums.map((sum) => sum / count);
}

function paint(pixels: Pixels, cell: PixelBox, color: readonly number[]): void {
  for (let y = cell.y; y < cell.y + cell.height; y += 1) {
    for (let x = cell.x; x < cell.x + cell.width; x += 1) {
      const offset = (y * pixels.width + x) * 4;
      for (let channel = 0; channel < 3; channel += 1) pixels.data[offset + channel] = color[channel] ?? 0;
      pixels.data[offset + 3] = 255;
    }
  }
}

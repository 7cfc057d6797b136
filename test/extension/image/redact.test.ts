import { describe, expect, it } from 'vitest';
import type { Annotation } from '#shared/annotation';
import { drawAnnotations } from '@/lib/annotations/render';
import { flattenImage, prepareUpload } from '@/lib/image/flatten';
import { blockSize, burnRedactions, pixelate, toPixelBox, type Pixels } from '@/lib/image/redact';
import { decodeFakeImage, encodeFakeImage, fakeCanvases, noisyPixels, pixelAt, recordingContext } from '../fake-canvas';

const whole = { x: 0, y: 0, width: 1, height: 1 };

/** Black "text" on white: thin strokes, as in a password field or an email address. */
function textLike(width: number, height: number): Pixels {
  const pixels = noisyPixels(width, height);
  for (let index = 0; index < width * height; index += 1) {
    const ink = (index % width) % 3 === 0 && Math.floor(index / width) % 4 !== 0;
    pixels.data.set(ink ? [0, 0, 0, 255] : [255, 255, 255, 255], index * 4);
  }
  return pixels;
}

/** How much neighbouring pixels differ: high for text, near zero for flat colour. */
function edgeEnergy(pixels: Pixels): number {
  let total = 0;
  for (let y = 0; y < pixels.height; y += 1) {
    for (let x = 1; x < pixels.width; x += 1) total += Math.abs((pixelAt(pixels, x, y)[0] ?? 0) - (pixelAt(pixels, x - 1, y)[0] ?? 0));
  }
  return total / (pixels.width * pixels.height);
}

describe('toPixelBox', () => {
  it('rounds outwards with a pixel to spare, inside the image', () => {
    expect(toPixelBox({ x: 0.101, y: 0.2, width: 0.2, height: 0.1 }, { width: 100, height: 50 })).toEqual({ x: 9, y: 9, width: 23, height: 7 });
    expect(toPixelBox({ x: 0.9, y: 0.9, width: 0.5, height: 0.5 }, { width: 100, height: 50 })).toEqual({ x: 89, y: 44, width: 11, height: 6 });
    expect(toPixelBox({ x: 1, y: 0, width: 0, height: 0.5 }, { width: 100, height: 50 })).toEqual({ x: 99, y: 0, width: 1, height: 26 });
  });
});

describe('pixelate', () => {
  it('leaves only flat blocks, each far larger than a character', () => {
    const pixels = textLike(96, 32);
    expect(edgeEnergy(pixels)).toBeGreaterThan(50);
    pixelate(pixels, 16);
    // Within a block every pixel is the same.
    expect(new Set(Array.from({ length: 16 }, (_, x) => pixelAt(pixels, x, 5).join()))).toHaveLength(1);
    expect(edgeEnergy(pixels)).toBeLessThan(2);
  });

  it('uses blocks of at least 16 px, larger on HiDPI captures and large boxes', () => {
    expect(blockSize({ x: 0, y: 0, width: 200, height: 30 }, 1280)).toBe(16);
    expect(blockSize({ x: 0, y: 0, width: 200, height: 30 }, 2560)).toBe(32);
    expect(blockSize({ x: 0, y: 0, width: 600, height: 300 }, 1280)).toBe(100);
  });
});

describe('burnRedactions', () => {
  it('changes the pixels under each box and nothing else', () => {
    const original = noisyPixels(100, 60);
    const pixels: Pixels = { ...original, data: original.data.slice() };
    const surface = {
      width: 100,
      height: 60,
      read: (box: { x: number; y: number; width: number; height: number }) => {
        const data = new Uint8ClampedArray(box.width * box.height * 4);
        for (let row = 0; row < box.height; row += 1) {
          data.set(pixels.data.subarray(((box.y + row) * 100 + box.x) * 4, ((box.y + row) * 100 + box.x + box.width) * 4), row * box.width * 4);
        }
        return { width: box.width, height: box.height, data };
      },
      write: (patch: Pixels, x: number, y: number) => {
        for (let row = 0; row < patch.height; row += 1) {
          pixels.data.set(patch.data.subarray(row * patch.width * 4, (row + 1) * patch.width * 4), ((y + row) * 100 + x) * 4);
        }
      },
    };
    burnRedactions(surface, [
      { type: 'redact', x: 0.1, y: 0.1, width: 0.2, height: 0.2, style: 'solid' },
      { type: 'redact', x: 0.5, y: 0.5, width: 0.4, height: 0.4, style: 'blur' },
    ]);
    for (let y = 0; y < 60; y += 1) {
      for (let x = 0; x < 100; x += 1) {
        const solid = x >= 9 && x < 31 && y >= 5 && y < 19;
        const blurred = x >= 49 && x < 91 && y >= 29 && y < 55;
        const changed = pixelAt(pixels, x, y).join() !== pixelAt(original, x, y).join();
        if (solid) expect(pixelAt(pixels, x, y)).toEqual([0, 0, 0, 255]);
        if (!solid && !blurred) expect(changed).toBe(false);
      }
    }
    expect(pixelAt(pixels, 60, 40)).not.toEqual(pixelAt(original, 60, 40));
  });
});

describe('prepareUpload', () => {
  it('encodes the redacted canvas, never the captured bytes, even without WebP', async () => {
    const image = encodeFakeImage(textLike(64, 32));
    const canvases = fakeCanvases({ webp: false });
    const upload = await prepareUpload(canvases, image, {
      crop: whole,
      annotations: [{ type: 'redact', x: 0, y: 0, width: 1, height: 1, style: 'blur' }],
    });
    if (!upload.ok) throw new Error(upload.reason);
    expect(upload.value.contentType).toBe('image/png');
    expect(Buffer.from(upload.value.bytes).equals(Buffer.from(image.bytes))).toBe(false);
    expect(edgeEnergy(decodeFakeImage(upload.value.bytes))).toBeLessThan(2);
  });

  it('does not paint the other annotations into the upload (the dashboard draws them)', async () => {
    const canvases = fakeCanvases();
    const original = noisyPixels(20, 20);
    const upload = await prepareUpload(canvases, encodeFakeImage(original), {
      crop: whole,
      annotations: [{ type: 'rect', x: 0, y: 0, width: 1, height: 1, color: '#ff0000' }],
    });
    expect(upload.ok && Buffer.from(decodeFakeImage(upload.value.bytes).data).equals(Buffer.from(original.data))).toBe(true);
    expect(canvases.opened[0]?.context.calls).toEqual([]);
  });
});

describe('flattenImage', () => {
  it('burns the redactions and draws every other shape into a PNG', async () => {
    const canvases = fakeCanvases();
    const shapes: Annotation[] = [
      { type: 'redact', x: 0, y: 0, width: 0.5, height: 0.5, style: 'solid' },
      { type: 'rect', x: 0.5, y: 0.5, width: 0.2, height: 0.2, color: '#ff3b30' },
      { type: 'step', x: 0.8, y: 0.2, number: 7, size: 0.05, color: '#ffcc00' },
    ];
    const flat = await flattenImage(canvases, encodeFakeImage(noisyPixels(40, 40)), { crop: whole, annotations: shapes });
    if (!flat.ok) throw new Error(flat.reason);
    expect(flat.value.type).toBe('image/png');
    expect(pixelAt(decodeFakeImage(await flat.value.arrayBuffer()), 5, 5)).toEqual([0, 0, 0, 255]);
    const calls = canvases.opened[0]?.context.calls ?? [];
    expect(calls).toContainEqual(['strokeRect', 20, 20, 8, 8]);
    expect(calls).toContainEqual(['fillText', '7', 32, 8]);
  });
});

describe('drawAnnotations', () => {
  it('draws each kind in image pixels, text as text', () => {
    const context = recordingContext();
    drawAnnotations(
      context,
      [
        { type: 'arrow', from: [0, 0], to: [0.5, 0], color: '#000000', strokeWidth: 0.01 },
        { type: 'highlighter', points: [[0, 0.5], [1, 0.5]], color: '#ffcc00', strokeWidth: 0.02 },
        { type: 'text', x: 0.1, y: 0.1, text: '<b>two</b>\nlines', size: 0.05, color: '#ff0000' },
        { type: 'redact', x: 0, y: 0, width: 1, height: 1, style: 'solid' },
      ],
      { width: 200, height: 100 },
    );
    expect(context.calls).toContainEqual(['moveTo', 0, 0]);
    expect(context.calls).toContainEqual(['lineTo', 200, 50]);
    expect(context.calls.filter(([method]) => method === 'fillText')).toEqual([
      ['fillText', '<b>two</b>', 20, 19.5],
      ['fillText', 'lines', 20, 32],
    ]);
    // Every shape in its own save/restore: one's style never leaks into the next.
    expect(context.calls.filter(([method]) => method === 'save')).toHaveLength(4);
  });
});

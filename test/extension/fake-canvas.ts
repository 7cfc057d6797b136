import type { ScreenshotContentType } from '#shared/capture';
import type { Box } from '@/lib/annotations/geometry';
import { cropPixels } from '@/lib/annotations/browser-canvas';
import type { DrawingContext } from '@/lib/annotations/render';
import type { StoredImage } from '@/lib/capture/draft';
import type { CanvasFactory, Raster } from '@/lib/image/flatten';
import type { Pixels } from '@/lib/image/redact';

/**
 * Canvases without a browser. Images use a tiny made-up format — "FAKE", width and height (16-bit
 * each), then raw RGBA — so a test can decode what was stored and look at every pixel.
 */
const MAGIC = [0x46, 0x41, 0x4b, 0x45];

export function encodeFakeImage(pixels: Pixels, contentType: ScreenshotContentType = 'image/png'): StoredImage {
  const bytes = new Uint8Array(8 + pixels.data.length);
  bytes.set(MAGIC);
  new DataView(bytes.buffer).setUint16(4, pixels.width);
  new DataView(bytes.buffer).setUint16(6, pixels.height);
  bytes.set(pixels.data, 8);
  return { bytes: bytes.buffer, contentType };
}

export function decodeFakeImage(bytes: ArrayBuffer): Pixels {
  const view = new DataView(bytes);
  if (MAGIC.some((byte, index) => view.getUint8(index) !== byte)) throw new Error('not a fake image');
  const width = view.getUint16(4);
  const height = view.getUint16(6);
  return { width, height, data: new Uint8ClampedArray(bytes.slice(8)) };
}

/** An image whose every pixel differs from its neighbours: anything that touched it shows. */
export function noisyPixels(width: number, height: number): Pixels {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let index = 0; index < width * height; index += 1) {
    const x = index % width;
    const y = Math.floor(index / width);
    data.set([(x * 37 + y * 11) % 256, ((x ^ y) * 53) % 256, (x * y * 7) % 256, 255], index * 4);
  }
  return { width, height, data };
}

export function pixelAt(pixels: Pixels, x: number, y: number): number[] {
  const offset = (y * pixels.width + x) * 4;
  return [...pixels.data.slice(offset, offset + 4)];
}

export type DrawCall = [method: string, ...args: unknown[]];

/** A 2D context that records what is drawn (with the style in effect) instead of drawing it. */
export function recordingContext(): DrawingContext & { calls: DrawCall[] } {
  const calls: DrawCall[] = [];
  const record =
    (method: string) =>
    (...args: unknown[]) => {
      calls.push([method, ...args]);
    };
  return {
    calls,
    fillStyle: '#000000',
    strokeStyle: '#000000',
    lineWidth: 1,
    lineCap: 'butt',
    lineJoin: 'miter',
    globalAlpha: 1,
    font: '10px sans-serif',
    textAlign: 'start',
    textBaseline: 'alphabetic',
    save: record('save'),
    restore: record('restore'),
    beginPath: record('beginPath'),
    moveTo: record('moveTo'),
    lineTo: record('lineTo'),
    closePath: record('closePath'),
    arc: record('arc'),
    fill: record('fill'),
    stroke: record('stroke'),
    fillRect: record('fillRect'),
    strokeRect: record('strokeRect'),
    fillText: record('fillText'),
    strokeText: record('strokeText'),
  };
}

export interface FakeCanvases extends CanvasFactory {
  /** Every canvas opened, in order. */
  opened: Array<Raster & { pixels: Pixels; context: ReturnType<typeof recordingContext> }>;
}

/** A `CanvasFactory` over the fake format; `encode` answers the fake format under the type asked for. */
export function fakeCanvases({ webp = true }: { webp?: boolean } = {}): FakeCanvases {
  const opened: FakeCanvases['opened'] = [];
  return {
    opened,
    async open(image: StoredImage, crop: Box) {
      const source = decodeFakeImage(image.bytes);
      const area = cropPixels(crop, source.width, source.height);
      const data = new Uint8ClampedArray(area.width * area.height * 4);
      for (let row = 0; row < area.height; row += 1) {
        const start = ((area.y + row) * source.width + area.x) * 4;
        data.set(source.data.subarray(start, start + area.width * 4), row * area.width * 4);
      }
      const pixels: Pixels = { width: area.width, height: area.height, data };
      const raster = {
        width: area.width,
        height: area.height,
        pixels,
        context: recordingContext(),
        read(box: { x: number; y: number; width: number; height: number }): Pixels {
          const out = new Uint8ClampedArray(box.width * box.height * 4);
          for (let row = 0; row < box.height; row += 1) {
            const start = ((box.y + row) * pixels.width + box.x) * 4;
            out.set(pixels.data.subarray(start, start + box.width * 4), row * box.width * 4);
          }
          return { width: box.width, height: box.height, data: out };
        },
        write(patch: Pixels, x: number, y: number) {
          for (let row = 0; row < patch.height; row += 1) {
            const start = row * patch.width * 4;
            pixels.data.set(patch.data.subarray(start, start + patch.width * 4), ((y + row) * pixels.width + x) * 4);
          }
        },
        async encode(type: ScreenshotContentType) {
          const actual = type === 'image/webp' && !webp ? 'image/png' : type;
          return new Blob([encodeFakeImage(pixels).bytes], { type: actual });
        },
      };
      opened.push(raster);
      return raster;
    },
  };
}

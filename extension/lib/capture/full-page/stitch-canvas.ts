import type { StoredImage } from '../draft';

export interface PixelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A decoded frame: an ImageBitmap in browsers. */
export interface FrameImage {
  readonly width: number;
  readonly height: number;
  close(): void;
}

/** The image being stitched, in device pixels. */
export interface StitchSurface {
  /** Copy `source` (pixels of the frame) to `at` on the surface. */
  draw(frame: FrameImage, source: PixelBox, at: { x: number; y: number }): void;
  /** The top `height` rows, as PNG: lossless, since the editor re-encodes (WebP) when the capture is saved. */
  encode(height: number): Promise<StoredImage>;
}

/** Where frames are decoded and stitched: canvases in the background, fakes in tests. */
export interface StitchCanvas {
  decode(image: StoredImage): Promise<FrameImage>;
  create(width: number, height: number): StitchSurface;
}

type Context2d = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

/**
 * Canvases wherever the background runs: an OffscreenCanvas in Chrome's service worker (which has
 * no document), a <canvas> in Firefox's background page when OffscreenCanvas is missing.
 */
export function browserStitchCanvas(): StitchCanvas {
  const newCanvas = (width: number, height: number) => {
    if (typeof OffscreenCanvas === 'function') {
      const canvas = new OffscreenCanvas(width, height);
      return { context: canvas.getContext('2d'), png: () => canvas.convertToBlob({ type: 'image/png' }) };
    }
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    return {
      context: canvas.getContext('2d'),
      png: () =>
        new Promise<Blob>((resolve, reject) =>
          canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the browser could not encode the page'))), 'image/png'),
        ),
    };
  };
  const requireContext = (context: Context2d | null): Context2d => {
    if (!context) throw new Error('this browser cannot draw the page (no 2D canvas)');
    return context;
  };

  return {
    decode: (image) => createImageBitmap(new Blob([image.bytes], { type: image.contentType })),
    create(width, height) {
      const surface = newCanvas(width, height);
      const context = requireContext(surface.context);
      return {
        draw(frame, source, at) {
          if (!(frame instanceof ImageBitmap)) throw new Error('not a frame decoded by this canvas');
          context.drawImage(frame, source.x, source.y, source.width, source.height, at.x, at.y, source.width, source.height);
        },
        async encode(rows) {
          let png = surface.png;
          if (rows < height) {
            // The page ended (or stopped scrolling) before the planned height: keep what was drawn.
            const cropped = newCanvas(width, rows);
            requireContext(cropped.context).drawImage(context.canvas, 0, 0, width, rows, 0, 0, width, rows);
            png = cropped.png;
          }
          const blob = await png();
          return { bytes: await blob.arrayBuffer(), contentType: 'image/png' };
        },
      };
    },
  };
}

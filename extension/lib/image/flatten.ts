import type { Annotation, RedactAnnotation } from '#shared/annotation';
import type { Box } from '../annotations/geometry';
import { drawAnnotations, type DrawingContext } from '../annotations/render';
import type { StoredImage } from '../capture/draft';
import { encodeScreenshot, type ImageEncoder } from './encode';
import { burnRedactions, type PixelSurface } from './redact';
import { fail, ok, type Result } from '../result';

/** A canvas holding an image: pixels to redact, a context to draw on, and an encoder. */
export interface Raster extends PixelSurface, ImageEncoder {
  readonly context: DrawingContext;
}

/** Where canvases come from: the page's DOM in the editor (see `browser-canvas.ts`), a fake in tests. */
export interface CanvasFactory {
  /** Decode `image` and copy its `crop` (fractions of the image) onto a new canvas of that many pixels. */
  open(image: StoredImage, crop: Box): Promise<Raster>;
}

/** What the editor made of the screenshot. */
export interface ImageEdit {
  crop: Box;
  /** In fractions of the cropped image. */
  annotations: readonly Annotation[];
}

const isRedaction = (shape: Annotation): shape is RedactAnnotation => shape.type === 'redact';

/** Cropped and redacted, on a canvas. */
async function redactedRaster(canvases: CanvasFactory, image: StoredImage, edit: ImageEdit): Promise<Raster> {
  const raster = await canvases.open(image, edit.crop);
  burnRedactions(raster, edit.annotations.filter(isRedaction));
  return raster;
}

/**
 * The image to upload: cropped, redactions burned in, encoded. The other shapes stay vectors (the
 * dashboard draws them), so nothing a reviewer may want to look under is painted over.
 */
export async function prepareUpload(canvases: CanvasFactory, image: StoredImage, edit: ImageEdit): Promise<Result<StoredImage>> {
  let raster: Raster;
  try {
    raster = await redactedRaster(canvases, image, edit);
  } catch (error) {
    return fail(`Snag could not prepare the screenshot: ${error instanceof Error ? error.message : String(error)}`);
  }
  return encodeScreenshot(raster);
}

/** The image to export or share: cropped, redacted and with every shape drawn into it, as PNG. */
export async function flattenImage(canvases: CanvasFactory, image: StoredImage, edit: ImageEdit): Promise<Result<Blob>> {
  const raster = await redactedRaster(canvases, image, edit);
  drawAnnotations(raster.context, edit.annotations, raster);
  const blob = await raster.encode('image/png', 1);
  return blob ? ok(blob) : fail('This browser could not encode the image');
}

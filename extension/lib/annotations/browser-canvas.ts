import type { Box } from './geometry';
import type { StoredImage } from '../capture/draft';
import type { CanvasFactory, Raster } from '../image/flatten';
import type { Pixels } from '../image/redact';

/** Whole pixels of `crop` in an image of `width` × `height`, at least one pixel each way. */
export function cropPixels(crop: Box, width: number, height: number) {
  const x = Math.min(width - 1, Math.max(0, Math.round(crop.x * width)));
  const y = Math.min(height - 1, Math.max(0, Math.round(crop.y * height)));
  return {
    x,
    y,
    width: Math.max(1, Math.min(width - x, Math.round(crop.width * width))),
    height: Math.max(1, Math.min(height - y, Math.round(crop.height * height))),
  };
}

/** Canvases in an extension page (needs `document`): the real `CanvasFactory`. */
export function browserCanvases(doc: Document): CanvasFactory {
  return {
    async open(image: StoredImage, crop: Box): Promise<Raster> {
      const bitmap = await createImageBitmap(new Blob([image.bytes], { type: image.contentType }));
      const area = cropPixels(crop, bitmap.width, bitmap.height);
      const canvas = doc.createElement('canvas');
      canvas.width = area.width;
      canvas.height = area.height;
      const context = canvas.getContext('2d', { willReadFrequently: true });
      if (!context) {
        bitmap.close();
        throw new Error('this browser cannot draw the screenshot');
      }
      context.drawImage(bitmap, area.x, area.y, area.width, area.height, 0, 0, area.width, area.height);
      bitmap.close();
      return {
        width: area.width,
        height: area.height,
        context,
        read: (box) => context.getImageData(box.x, box.y, box.width, box.height),
        write: (pixels: Pixels, x, y) => {
          const data = new ImageData(pixels.width, pixels.height);
          data.data.set(pixels.data);
          context.putImageData(data, x, y);
        },
        encode: (type, quality) => new Promise((resolve) => canvas.toBlob(resolve, type, quality)),
      };
    },
  };
}

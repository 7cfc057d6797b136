import type { Annotation } from '#shared/annotation';
import { clamp01, clipToImage, round4, type Box } from './geometry';
import { mapShape, shapeBounds } from './bounds';

/**
 * Cropping keeps the image's pixels inside `crop` (a box in fractions of the current image) and
 * re-expresses every shape in fractions of that smaller image. Shapes entirely outside are dropped;
 * boxes are cut to the crop, strokes keep their inside part pinned to the edge.
 */
export function cropShapes(shapes: readonly Annotation[], crop: Box, aspect: number): Annotation[] {
  const scale = 1 / crop.width;
  const into = ([x, y]: readonly [number, number]): [number, number] => [(x - crop.x) / crop.width, (y - crop.y) / crop.height];
  return shapes.flatMap((shape): Annotation[] => {
    if (!touches(shapeBounds(shape, aspect), crop)) return [];
    if ((shape.type === 'text' || shape.type === 'step') && !containsPoint(crop, shape.x, shape.y)) return [];
    const mapped = mapShape(shape, into, scale);
    if (mapped.type === 'rect' || mapped.type === 'redact') {
      const clipped = clipToImage(mapped);
      return clipped && clipped.width > 0 && clipped.height > 0 ? [{ ...mapped, ...roundBox(clipped) }] : [];
    }
    return [mapped];
  });
}

/** A crop drawn on an already cropped image, as a box in the original image. */
export function composeCrop(outer: Box, inner: Box): Box {
  const left = clamp01(outer.x + inner.x * outer.width);
  const top = clamp01(outer.y + inner.y * outer.height);
  const right = clamp01(outer.x + (inner.x + inner.width) * outer.width);
  const bottom = clamp01(outer.y + (inner.y + inner.height) * outer.height);
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** The image's width ÷ height after cropping an image of `aspect` to `crop`. */
export const croppedAspect = (aspect: number, crop: Box) => (aspect * crop.width) / crop.height;

const roundBox = (box: Box): Box => ({ x: round4(box.x), y: round4(box.y), width: round4(box.width), height: round4(box.height) });

function touches(a: Box, b: Box): boolean {
  return a.x <= b.x + b.width && a.x + a.width >= b.x && a.y <= b.y + b.height && a.y + a.height >= b.y;
}

const containsPoint = (box: Box, x: number, y: number) =>
  x >= box.x && x <= box.x + box.width && y >= box.y && y <= box.y + box.height;

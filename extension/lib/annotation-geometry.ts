import type { RectAnnotation } from '#shared/annotation';

/** A point on the screenshot, as fractions (0..1) of its width and height. */
export interface Point {
  x: number;
  y: number;
}

export const HIGHLIGHT_COLOR = '#ff3b30';

/** Smaller than this (as a fraction of the image) is a click, not a highlight. */
const MIN_SIZE = 0.005;

const clamp = (value: number) => Math.min(1, Math.max(0, Number.isFinite(value) ? value : 0));
const round = (value: number) => Math.round(value * 10_000) / 10_000;

/** Where a pointer is on an element showing the image, in fractions of the element's box. */
export function pointIn(box: { left: number; top: number; width: number; height: number }, clientX: number, clientY: number): Point {
  return {
    x: clamp(box.width > 0 ? (clientX - box.left) / box.width : 0),
    y: clamp(box.height > 0 ? (clientY - box.top) / box.height : 0),
  };
}

/** The highlight dragged from `from` to `to` (in any direction), or null when it is too small. */
export function rectBetween(from: Point, to: Point, color = HIGHLIGHT_COLOR): RectAnnotation | null {
  // Rounding both corners (not the size) keeps x + width within 1.
  const left = round(clamp(Math.min(from.x, to.x)));
  const right = round(clamp(Math.max(from.x, to.x)));
  const top = round(clamp(Math.min(from.y, to.y)));
  const bottom = round(clamp(Math.max(from.y, to.y)));
  if (right - left < MIN_SIZE || bottom - top < MIN_SIZE) return null;
  return { type: 'rect', x: left, y: top, width: round(right - left), height: round(bottom - top), color };
}

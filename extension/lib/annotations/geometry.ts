import type { RectAnnotation } from '#shared/annotation';

/** A point on the screenshot, as fractions (0..1) of its width and height. */
export interface Point {
  x: number;
  y: number;
}

/** An axis-aligned box, as fractions (0..1) of the image's width and height. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const WHOLE_IMAGE: Box = { x: 0, y: 0, width: 1, height: 1 };

export const HIGHLIGHT_COLOR = '#ff3b30';

/** Smaller than this (as a fraction of the image) is a click, not a highlight. */
const MIN_SIZE = 0.005;

export const clamp01 = (value: number) => Math.min(1, Math.max(0, Number.isFinite(value) ? value : 0));
/** Four decimals: under a third of a pixel on a 2560-pixel-wide screenshot, and short on the wire. */
export const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

/** Where a pointer is on an element showing the image, in fractions of the element's box. */
export function pointIn(box: { left: number; top: number; width: number; height: number }, clientX: number, clientY: number): Point {
  return {
    x: clamp01(box.width > 0 ? (clientX - box.left) / box.width : 0),
    y: clamp01(box.height > 0 ? (clientY - box.top) / box.height : 0),
  };
}

/** The box dragged from `from` to `to` (in any direction), or null when it is too small. */
export function boxBetween(from: Point, to: Point): Box | null {
  // Rounding both corners (not the size) keeps x + width within 1.
  const left = round4(clamp01(Math.min(from.x, to.x)));
  const right = round4(clamp01(Math.max(from.x, to.x)));
  const top = round4(clamp01(Math.min(from.y, to.y)));
  const bottom = round4(clamp01(Math.max(from.y, to.y)));
  if (right - left < MIN_SIZE || bottom - top < MIN_SIZE) return null;
  return { x: left, y: top, width: round4(right - left), height: round4(bottom - top) };
}

/** The highlight dragged from `from` to `to` (in any direction), or null when it is too small. */
export function rectBetween(from: Point, to: Point, color = HIGHLIGHT_COLOR): RectAnnotation | null {
  const box = boxBetween(from, to);
  return box && { type: 'rect', ...box, color };
}

/** The part of `box` inside the image, or null when nothing of it is. */
export function clipToImage(box: Box): Box | null {
  const left = clamp01(box.x);
  const top = clamp01(box.y);
  const right = clamp01(box.x + box.width);
  const bottom = clamp01(box.y + box.height);
  if (right <= left || bottom <= top) return null;
  return { x: left, y: top, width: right - left, height: bottom - top };
}

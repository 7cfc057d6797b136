import type { Annotation, AnnotationPoint, TextAnnotation } from '#shared/annotation';
import { TEXT_LINE_HEIGHT, textLines } from '#shared/annotation-drawing';
import { clamp01, round4, type Box, type Point } from './geometry';

/**
 * Geometry of annotation shapes in image fractions. `aspect` is the image's width ÷ height: it
 * turns lengths (fractions of the width) into fractions of the height, and keeps distances round.
 */

/** Average glyph width of the bold UI font, as a share of its size: enough to select text by. */
const GLYPH_WIDTH = 0.6;

export function textBox(shape: TextAnnotation, aspect: number): Box {
  const lines = textLines(shape.text);
  const longest = Math.max(1, ...lines.map((line) => line.length));
  return {
    x: shape.x,
    y: shape.y,
    width: longest * GLYPH_WIDTH * shape.size,
    height: lines.length * TEXT_LINE_HEIGHT * shape.size * aspect,
  };
}

function pointsBox(points: readonly AnnotationPoint[]): Box {
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  const left = Math.min(...xs);
  const top = Math.min(...ys);
  return { x: left, y: top, width: Math.max(...xs) - left, height: Math.max(...ys) - top };
}

/** The smallest box around the shape (strokes by their centre line). */
export function shapeBounds(shape: Annotation, aspect: number): Box {
  switch (shape.type) {
    case 'rect':
    case 'redact':
      return { x: shape.x, y: shape.y, width: shape.width, height: shape.height };
    case 'arrow':
      return pointsBox([shape.from, shape.to]);
    case 'pen':
    case 'highlighter':
      return pointsBox(shape.points);
    case 'text':
      return textBox(shape, aspect);
    case 'step':
      return {
        x: shape.x - shape.size,
        y: shape.y - shape.size * aspect,
        width: 2 * shape.size,
        height: 2 * shape.size * aspect,
      };
  }
}

/** Every coordinate of the shape through `map`, and its lengths times `scale`. */
export function mapShape(shape: Annotation, map: (point: AnnotationPoint) => AnnotationPoint, scale: number): Annotation {
  const point = (value: AnnotationPoint): AnnotationPoint => {
    const [x, y] = map(value);
    return [round4(clamp01(x)), round4(clamp01(y))];
  };
  const length = (value: number, max: number) => Math.min(max, Math.max(0.0001, round4(value * scale)));
  switch (shape.type) {
    case 'rect':
    case 'redact': {
      const [x1, y1] = point([shape.x, shape.y]);
      const [x2, y2] = point([shape.x + shape.width, shape.y + shape.height]);
      return { ...shape, x: Math.min(x1, x2), y: Math.min(y1, y2), width: round4(Math.abs(x2 - x1)), height: round4(Math.abs(y2 - y1)) };
    }
    case 'arrow':
      return { ...shape, from: point(shape.from), to: point(shape.to), strokeWidth: length(shape.strokeWidth, 0.05) };
    case 'pen':
    case 'highlighter':
      return { ...shape, points: shape.points.map(point), strokeWidth: length(shape.strokeWidth, 0.1) };
    case 'text': {
      const [x, y] = point([shape.x, shape.y]);
      return { ...shape, x, y, size: length(shape.size, 0.2) };
    }
    case 'step': {
      const [x, y] = point([shape.x, shape.y]);
      return { ...shape, x, y, size: length(shape.size, 0.1) };
    }
  }
}

/** The shape moved by (dx, dy), held inside the image as a whole rather than squashed at an edge. */
export function translateShape(shape: Annotation, dx: number, dy: number, aspect: number): Annotation {
  const bounds = shapeBounds(shape, aspect);
  const within = (delta: number, start: number, size: number) =>
    Math.min(Math.max(delta, -start), Math.max(-start, 1 - start - size));
  const moveX = within(dx, bounds.x, bounds.width);
  const moveY = within(dy, bounds.y, bounds.height);
  return mapShape(shape, ([x, y]) => [x + moveX, y + moveY], 1);
}

/** The shape stretched from the box `from` onto `to`; text and markers grow with the height. */
export function resizeShape(shape: Annotation, from: Box, to: Box): Annotation {
  const sx = from.width > 0 ? to.width / from.width : 1;
  const sy = from.height > 0 ? to.height / from.height : 1;
  return mapShape(shape, ([x, y]) => [to.x + (x - from.x) * sx, to.y + (y - from.y) * sy], sy);
}

export type Handle = 'nw' | 'n' | 'ne' | 'e' | 'se' | 's' | 'sw' | 'w';
export const HANDLES: readonly Handle[] = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'];

/** Where a handle sits on a box. */
export function handlePoint(box: Box, handle: Handle): Point {
  const x = handle.includes('w') ? box.x : handle.includes('e') ? box.x + box.width : box.x + box.width / 2;
  const y = handle.includes('n') ? box.y : handle.includes('s') ? box.y + box.height : box.y + box.height / 2;
  return { x, y };
}

const MIN_BOX = 0.005;

/** The box after dragging one of its handles to `point`; dragging past the opposite edge flips it. */
export function dragHandle(box: Box, handle: Handle, point: Point): Box {
  let left = box.x;
  let right = box.x + box.width;
  let top = box.y;
  let bottom = box.y + box.height;
  if (handle.includes('w')) left = clamp01(point.x);
  if (handle.includes('e')) right = clamp01(point.x);
  if (handle.includes('n')) top = clamp01(point.y);
  if (handle.includes('s')) bottom = clamp01(point.y);
  return {
    x: round4(Math.min(left, right)),
    y: round4(Math.min(top, bottom)),
    width: round4(Math.max(MIN_BOX, Math.abs(right - left))),
    height: round4(Math.max(MIN_BOX, Math.abs(bottom - top))),
  };
}

/** Distance from a point to a segment, in widths of the image (so both axes count the same). */
function distanceToSegment(point: Point, a: AnnotationPoint, b: AnnotationPoint, aspect: number): number {
  const [px, py] = [point.x, point.y / aspect];
  const [ax, ay, bx, by] = [a[0], a[1] / aspect, b[0], b[1] / aspect];
  const [dx, dy] = [bx - ax, by - ay];
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / lengthSquared));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

const inside = (box: Box, point: Point, margin: number, aspect: number) =>
  point.x >= box.x - margin &&
  point.x <= box.x + box.width + margin &&
  point.y >= box.y - margin * aspect &&
  point.y <= box.y + box.height + margin * aspect;

/** Whether a pointer at `point` touches the shape; `tolerance` is in widths of the image. */
export function hitsShape(shape: Annotation, point: Point, aspect: number, tolerance: number): boolean {
  switch (shape.type) {
    case 'arrow':
      return distanceToSegment(point, shape.from, shape.to, aspect) <= tolerance + shape.strokeWidth;
    case 'pen':
    case 'highlighter':
      return shape.points.some(
        (start, index) =>
          index > 0 && distanceToSegment(point, shape.points[index - 1] ?? start, start, aspect) <= tolerance + shape.strokeWidth / 2,
      );
    default:
      return inside(shapeBounds(shape, aspect), point, tolerance, aspect);
  }
}

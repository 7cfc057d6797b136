import { STROKE_MAX_POINTS, type AnnotationPoint } from '#shared/annotation';
import { clamp01, round4, type Point } from './geometry';

/**
 * Freehand strokes arrive as jittery pointer samples. They are simplified (Ramer–Douglas–Peucker:
 * drop points that barely change the line), then sampled along a uniform Catmull–Rom spline
 * through what is left: a smooth curve that still passes through every kept point. The result is what is stored, so every renderer only joins points with straight lines.
 */

type Vec = [number, number];

/** How far (in widths of the image) a point may stray from the simplified line. */
export const SIMPLIFY_TOLERANCE = 0.0015;
/** Points sampled on each spline segment between two kept points. */
const SAMPLES_PER_SEGMENT = 6;

function distanceToLine(point: Vec, a: Vec, b: Vec): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const length = Math.hypot(dx, dy);
  if (length === 0) return Math.hypot(point[0] - a[0], point[1] - a[1]);
  return Math.abs(dy * point[0] - dx * point[1] + b[0] * a[1] - b[1] * a[0]) / length;
}

/** Ramer–Douglas–Peucker, iteratively (a long stroke would overflow a recursive one). */
export function simplify(points: readonly Vec[], tolerance: number): Vec[] {
  if (points.length <= 2) return [...points];
  const keep = new Array<boolean>(points.length).fill(false);
  keep[0] = true;
  keep[points.length - 1] = true;
  const ranges: Array<[number, number]> = [[0, points.length - 1]];
  for (let range = ranges.pop(); range; range = ranges.pop()) {
    const [first, last] = range;
    const a = points[first];
    const b = points[last];
    if (!a || !b) continue;
    let farthest = -1;
    let distance = tolerance;
    for (let index = first + 1; index < last; index += 1) {
      const point = points[index];
      const away = point ? distanceToLine(point, a, b) : 0;
      if (away > distance) {
        distance = away;
        farthest = index;
      }
    }
    if (farthest > 0) {
      keep[farthest] = true;
      ranges.push([first, farthest], [farthest, last]);
    }
  }
  return points.filter((_, index) => keep[index]);
}

/** A uniform Catmull–Rom spline through `points`, `samples` points per segment, ends included. */
export function catmullRom(points: readonly Vec[], samples = SAMPLES_PER_SEGMENT): Vec[] {
  if (points.length < 3) return [...points];
  const at = (index: number): Vec => points[Math.min(points.length - 1, Math.max(0, index))] ?? [0, 0];
  const curve: Vec[] = [];
  for (let segment = 0; segment < points.length - 1; segment += 1) {
    const [p0, p1, p2, p3] = [at(segment - 1), at(segment), at(segment + 1), at(segment + 2)];
    for (let step = 0; step < samples; step += 1) {
      const t = step / samples;
      const t2 = t * t;
      const t3 = t2 * t;
      const blend = (k: 0 | 1) =>
        0.5 *
        (2 * p1[k] +
          (p2[k] - p0[k]) * t +
          (2 * p0[k] - 5 * p1[k] + 4 * p2[k] - p3[k]) * t2 +
          (3 * p1[k] - p0[k] - 3 * p2[k] + p3[k]) * t3);
      curve.push([blend(0), blend(1)]);
    }
  }
  curve.push(at(points.length - 1));
  return curve;
}

/**
 * The stroke to store for pointer samples (fractions of an image of `aspect` = width ÷ height):
 * simplified, smoothed, rounded and at most `STROKE_MAX_POINTS` long. Null for a mere click.
 */
export function smoothStroke(samples: readonly Point[], aspect: number): AnnotationPoint[] | null {
  // Work in widths of the image on both axes, so the tolerance means the same in every direction.
  const even: Vec[] = samples.map(({ x, y }) => [x, y / aspect]);
  let tolerance = SIMPLIFY_TOLERANCE;
  let kept = simplify(even, tolerance);
  while ((kept.length - 1) * SAMPLES_PER_SEGMENT + 1 > STROKE_MAX_POINTS) {
    tolerance *= 2;
    kept = simplify(even, tolerance);
  }
  const stored = catmullRom(kept).map(([x, y]): AnnotationPoint => [round4(clamp01(x)), round4(clamp01(y * aspect))]);
  // Rounding can make neighbours equal; a stroke needs two distinct points to be seen.
  const distinct = stored.filter((point, index) => {
    const previous = stored[index - 1];
    return !previous || previous[0] !== point[0] || previous[1] !== point[1];
  });
  return distinct.length >= 2 ? distinct : null;
}

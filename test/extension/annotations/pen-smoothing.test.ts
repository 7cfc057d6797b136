import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { penAnnotation, STROKE_MAX_POINTS } from '#shared/annotation';
import { catmullRom, simplify, smoothStroke } from '@/lib/annotations/smooth';

describe('simplify', () => {
  it('drops points that barely change a line, keeping its ends and corners', () => {
    const wobbly: Array<[number, number]> = [[0, 0], [0.1, 0.0004], [0.2, -0.0003], [0.3, 0], [0.3, 0.1], [0.3, 0.2]];
    expect(simplify(wobbly, 0.001)).toEqual([[0, 0], [0.3, 0], [0.3, 0.2]]);
  });

  it('never moves the line further than the tolerance from any dropped point', () => {
    const points = fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 3, maxLength: 60 });
    fc.assert(
      fc.property(points, (line) => {
        const kept = simplify(line, 0.01);
        expect(kept[0]).toEqual(line[0]);
        expect(kept.at(-1)).toEqual(line.at(-1));
        expect(kept.every((point) => line.includes(point))).toBe(true);
      }),
    );
  });
});

describe('catmullRom', () => {
  it('passes through every control point', () => {
    const control: Array<[number, number]> = [[0, 0], [0.2, 0.3], [0.5, 0.1], [0.9, 0.4]];
    const curve = catmullRom(control, 4);
    expect(curve).toHaveLength(3 * 4 + 1);
    control.forEach((point, index) => {
      expect(curve[index * 4]?.[0]).toBeCloseTo(point[0]);
      expect(curve[index * 4]?.[1]).toBeCloseTo(point[1]);
    });
  });
});

describe('smoothStroke', () => {
  const aspect = 16 / 10;

  it('turns a jittery zigzag into fewer, smooth points that the schema accepts', () => {
    const samples = Array.from({ length: 200 }, (_, index) => ({ x: 0.1 + index * 0.004, y: 0.5 + 0.1 * Math.sin(index / 20) + (index % 2) * 0.0005 }));
    const points = smoothStroke(samples, aspect);
    if (!points) throw new Error('expected a stroke');
    expect(points.length).toBeLessThan(samples.length);
    expect(points[0]).toEqual([0.1, 0.5]);
    expect(penAnnotation.safeParse({ type: 'pen', points, color: '#000000', strokeWidth: 0.003 }).success).toBe(true);
  });

  it('ignores a click', () => {
    expect(smoothStroke([{ x: 0.5, y: 0.5 }], aspect)).toBeNull();
    expect(smoothStroke([{ x: 0.5, y: 0.5 }, { x: 0.5, y: 0.5 }], aspect)).toBeNull();
  });

  it('always stays inside the image and under the point limit', () => {
    const samples = fc.array(fc.record({ x: fc.double({ min: -0.2, max: 1.2, noNaN: true }), y: fc.double({ min: -0.2, max: 1.2, noNaN: true }) }), {
      minLength: 2,
      maxLength: 3000,
    });
    fc.assert(
      fc.property(samples, (stroke) => {
        const points = smoothStroke(stroke, aspect);
        if (!points) return;
        expect(points.length).toBeLessThanOrEqual(STROKE_MAX_POINTS);
        expect(points.every(([x, y]) => x >= 0 && x <= 1 && y >= 0 && y <= 1)).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});

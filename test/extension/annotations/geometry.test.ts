import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rectAnnotation } from '#shared/annotation';
import { clipToImage, HIGHLIGHT_COLOR, pointIn, rectBetween } from '@/lib/annotations/geometry';

const box = { left: 100, top: 50, width: 800, height: 400 };

describe('pointIn', () => {
  it('turns pointer positions into fractions of the image, clamped to its edges', () => {
    expect(pointIn(box, 100, 50)).toEqual({ x: 0, y: 0 });
    expect(pointIn(box, 500, 250)).toEqual({ x: 0.5, y: 0.5 });
    expect(pointIn(box, 2000, -10)).toEqual({ x: 1, y: 0 });
    expect(pointIn({ ...box, width: 0 }, 500, 250)).toEqual({ x: 0, y: 0.5 });
  });
});

describe('rectBetween', () => {
  it('draws in any direction', () => {
    expect(rectBetween({ x: 0.6, y: 0.7 }, { x: 0.2, y: 0.1 })).toEqual({
      type: 'rect',
      x: 0.2,
      y: 0.1,
      width: 0.4,
      height: 0.6,
      color: HIGHLIGHT_COLOR,
    });
  });

  it('ignores a click (too small to be a highlight)', () => {
    expect(rectBetween({ x: 0.5, y: 0.5 }, { x: 0.501, y: 0.7 })).toBeNull();
  });

  it('always gives a valid shared rect annotation inside the image', () => {
    const coordinate = fc.double({ min: -0.5, max: 1.5, noNaN: true });
    fc.assert(
      fc.property(coordinate, coordinate, coordinate, coordinate, (x1, y1, x2, y2) => {
        const rect = rectBetween({ x: x1, y: y1 }, { x: x2, y: y2 });
        if (rect === null) return;
        expect(rectAnnotation.safeParse(rect).success).toBe(true);
        expect(rect.x + rect.width).toBeLessThanOrEqual(1);
        expect(rect.y + rect.height).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('clipToImage', () => {
  it('keeps the part of a box inside the image', () => {
    expect(clipToImage({ x: -0.5, y: 0.5, width: 1, height: 1 })).toEqual({ x: 0, y: 0.5, width: 0.5, height: 0.5 });
    expect(clipToImage({ x: 1.2, y: 0, width: 0.1, height: 0.1 })).toBeNull();
  });
});

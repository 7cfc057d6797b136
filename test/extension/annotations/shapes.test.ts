import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { annotation, type Annotation } from '#shared/annotation';
import type { Box } from '@/lib/annotations/geometry';
import { dragHandle, hitsShape, resizeShape, shapeBounds, translateShape } from '@/lib/annotations/bounds';
import { composeCrop, croppedAspect, cropShapes } from '@/lib/annotations/crop';

const rect: Annotation = { type: 'rect', x: 0.2, y: 0.2, width: 0.2, height: 0.1, color: '#ff3b30' };
const arrow: Annotation = { type: 'arrow', from: [0.1, 0.1], to: [0.5, 0.5], color: '#007aff', strokeWidth: 0.004 };
const pen: Annotation = { type: 'pen', points: [[0.1, 0.6], [0.2, 0.7], [0.3, 0.6]], color: '#000000', strokeWidth: 0.003 };
const text: Annotation = { type: 'text', x: 0.5, y: 0.1, text: 'Hello\nworld!', size: 0.02, color: '#ff3b30' };
const step: Annotation = { type: 'step', x: 0.8, y: 0.8, number: 2, size: 0.01, color: '#af52de' };
const redact: Annotation = { type: 'redact', x: 0.6, y: 0.3, width: 0.3, height: 0.1, style: 'solid', reason: 'password field' };
const shapes = [rect, arrow, pen, text, step, redact];
const ASPECT = 1280 / 800;

const fraction = fc.double({ min: 0, max: 1, noNaN: true });
const box = fc
  .tuple(fraction, fraction, fraction, fraction)
  .map(([x1, y1, x2, y2]): Box => ({ x: Math.min(x1, x2), y: Math.min(y1, y2), width: Math.abs(x2 - x1), height: Math.abs(y2 - y1) }))
  .filter(({ width, height }) => width > 0.01 && height > 0.01);
const shape = fc.constantFrom(...shapes);

describe('shapeBounds', () => {
  it('measures every kind of shape', () => {
    expect(shapeBounds(rect, ASPECT)).toEqual({ x: 0.2, y: 0.2, width: 0.2, height: 0.1 });
    expect(shapeBounds(arrow, ASPECT)).toEqual({ x: 0.1, y: 0.1, width: 0.4, height: 0.4 });
    expect(shapeBounds(pen, ASPECT)).toMatchObject({ x: 0.1, y: 0.6 });
    // Two lines of text; the longest has six characters.
    expect(shapeBounds(text, ASPECT)).toMatchObject({ x: 0.5, y: 0.1, width: expect.closeTo(6 * 0.6 * 0.02), height: expect.closeTo(2 * 1.25 * 0.02 * ASPECT) });
    // A marker is round on screen: as tall (in pixels) as it is wide.
    const marker = shapeBounds(step, ASPECT);
    expect(marker.width * 1280).toBeCloseTo(marker.height * 800);
  });
});

describe('translateShape', () => {
  it('moves every point of the shape', () => {
    expect(translateShape(arrow, 0.1, 0.2, ASPECT)).toMatchObject({ from: [0.2, 0.3], to: [0.6, 0.7] });
    expect(translateShape(pen, -0.05, 0, ASPECT)).toMatchObject({ points: [[0.05, 0.6], [0.15, 0.7], [0.25, 0.6]] });
  });

  it('keeps the whole shape inside the image, without squashing it', () => {
    fc.assert(
      fc.property(shape, fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true }), (original, dx, dy) => {
        const moved = translateShape(original, dx, dy, ASPECT);
        expect(annotation.safeParse(moved).success).toBe(true);
        const before = shapeBounds(original, ASPECT);
        const after = shapeBounds(moved, ASPECT);
        expect(after.width).toBeCloseTo(before.width, 3);
        expect(after.height).toBeCloseTo(before.height, 3);
      }),
    );
  });
});

describe('resizeShape', () => {
  it('stretches a shape’s bounds onto the new box', () => {
    fc.assert(
      fc.property(fc.constantFrom(rect, arrow, pen, redact), box, (original, target) => {
        const resized = resizeShape(original, shapeBounds(original, ASPECT), target);
        expect(annotation.safeParse(resized).success).toBe(true);
        const bounds = shapeBounds(resized, ASPECT);
        for (const key of ['x', 'y', 'width', 'height'] as const) expect(bounds[key]).toBeCloseTo(target[key], 3);
      }),
    );
  });

  it('grows text with the height of its box', () => {
    const from = shapeBounds(text, ASPECT);
    const resized = resizeShape(text, from, { ...from, height: from.height * 2 });
    expect(resized).toMatchObject({ type: 'text', size: 0.04 });
  });
});

describe('dragHandle', () => {
  const start = { x: 0.2, y: 0.2, width: 0.4, height: 0.4 };

  it('moves only the edges the handle holds', () => {
    expect(dragHandle(start, 'e', { x: 0.9, y: 0 })).toEqual({ x: 0.2, y: 0.2, width: 0.7, height: 0.4 });
    expect(dragHandle(start, 'nw', { x: 0.1, y: 0.1 })).toEqual({ x: 0.1, y: 0.1, width: 0.5, height: 0.5 });
  });

  it('flips the box when dragged past the opposite edge', () => {
    expect(dragHandle(start, 'w', { x: 0.8, y: 0.5 })).toEqual({ x: 0.6, y: 0.2, width: 0.2, height: 0.4 });
  });
});

describe('hitsShape', () => {
  it('finds lines by their distance and areas by their inside', () => {
    expect(hitsShape(arrow, { x: 0.3, y: 0.3 }, ASPECT, 0.005)).toBe(true);
    expect(hitsShape(arrow, { x: 0.3, y: 0.1 }, ASPECT, 0.005)).toBe(false);
    expect(hitsShape(pen, { x: 0.15, y: 0.65 }, ASPECT, 0.005)).toBe(true);
    expect(hitsShape(pen, { x: 0.2, y: 0.62 }, ASPECT, 0.005)).toBe(false);
    expect(hitsShape(rect, { x: 0.3, y: 0.25 }, ASPECT, 0)).toBe(true);
    expect(hitsShape(rect, { x: 0.5, y: 0.25 }, ASPECT, 0.005)).toBe(false);
  });
});

describe('cropShapes', () => {
  const crop = { x: 0.5, y: 0.25, width: 0.5, height: 0.5 };

  it('re-expresses shapes in the cropped image and keeps their size on screen', () => {
    const [moved] = cropShapes([{ type: 'arrow', from: [0.6, 0.3], to: [0.9, 0.7], color: '#000000', strokeWidth: 0.004 }], crop, ASPECT);
    expect(moved).toEqual({ type: 'arrow', from: [0.2, 0.1], to: [0.8, 0.9], color: '#000000', strokeWidth: 0.008 });
  });

  it('drops what is left outside and cuts boxes to the crop', () => {
    // The rectangle, pen and text are left of the crop; the step marker (at 0.8, 0.8) below it.
    const cropped = cropShapes(shapes, crop, ASPECT);
    expect(cropped.map((shape) => shape.type)).toEqual(['arrow', 'redact']);
    expect(cropped.find((shape) => shape.type === 'redact')).toEqual({ ...redact, x: 0.2, y: 0.1, width: 0.6, height: 0.2 });
  });

  it('keeps every point where it was on the image', () => {
    fc.assert(
      fc.property(box, fraction, fraction, (area, px, py) => {
        const inside = { x: area.x + px * area.width, y: area.y + py * area.height };
        const [step] = cropShapes([{ type: 'step', x: inside.x, y: inside.y, number: 1, size: 0.01, color: '#000000' }], area, ASPECT);
        if (step?.type !== 'step') throw new Error('the step inside the crop was dropped');
        expect(area.x + step.x * area.width).toBeCloseTo(inside.x, 3);
        expect(area.y + step.y * area.height).toBeCloseTo(inside.y, 3);
        expect(annotation.safeParse(step).success).toBe(true);
      }),
    );
  });

  it('composes a second crop with the first', () => {
    const twice = composeCrop(crop, { x: 0.5, y: 0, width: 0.5, height: 0.5 });
    expect(twice).toEqual({ x: 0.75, y: 0.25, width: 0.25, height: 0.25 });
    expect(croppedAspect(ASPECT, twice)).toBeCloseTo(ASPECT);
  });
});

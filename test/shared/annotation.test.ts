import { describe, expect, it } from 'vitest';
import { annotation, annotations, STROKE_MAX_POINTS, TEXT_MAX_LENGTH, TOTAL_MAX_POINTS, type Annotation } from '#shared/annotation';

const valid: Record<Annotation['type'], Annotation> = {
  rect: { type: 'rect', x: 0.1, y: 0.2, width: 0.3, height: 0.1, color: '#ff3b30' },
  arrow: { type: 'arrow', from: [0.1, 0.1], to: [0.5, 0.4], color: '#007aff', strokeWidth: 0.004 },
  pen: { type: 'pen', points: [[0.1, 0.1], [0.2, 0.15], [0.3, 0.1]], color: '#000000', strokeWidth: 0.003 },
  highlighter: { type: 'highlighter', points: [[0.1, 0.5], [0.6, 0.5]], color: '#ffcc00', strokeWidth: 0.016 },
  text: { type: 'text', x: 0.4, y: 0.4, text: 'Export is greyed out\nafter paying', size: 0.016, color: '#ff3b30' },
  step: { type: 'step', x: 0.7, y: 0.2, number: 3, size: 0.012, color: '#af52de' },
  redact: { type: 'redact', x: 0.1, y: 0.8, width: 0.2, height: 0.05, style: 'solid', reason: 'password field' },
};

describe('annotation', () => {
  it.each(Object.entries(valid))('accepts a %s', (_type, shape) => {
    expect(annotation.parse(shape)).toEqual(shape);
  });

  it('keeps the original rect exactly as it was (captures stored before the other shapes)', () => {
    expect(annotation.safeParse({ ...valid.rect, strokeWidth: 0.01 }).success).toBe(false);
    expect(annotation.safeParse({ type: 'rect', x: 0, y: 0, width: 1, height: 1, color: '#ABCDEF' }).success).toBe(true);
  });

  it('accepts a blur redaction drawn by the user (no reason)', () => {
    expect(annotation.safeParse({ type: 'redact', x: 0, y: 0, width: 0.5, height: 0.5, style: 'blur' }).success).toBe(true);
  });

  it.each<[string, unknown]>([
    ['an unknown type', { type: 'ellipse', x: 0, y: 0, width: 0.1, height: 0.1, color: '#000000' }],
    ['a coordinate outside the image', { ...valid.arrow, to: [1.2, 0.5] }],
    ['a point that is not a pair', { ...valid.pen, points: [[0.1, 0.1], [0.2]] }],
    ['a stroke of one point', { ...valid.pen, points: [[0.1, 0.1]] }],
    ['a stroke too long', { ...valid.pen, points: Array.from({ length: STROKE_MAX_POINTS + 1 }, () => [0.5, 0.5]) }],
    ['a zero stroke width', { ...valid.arrow, strokeWidth: 0 }],
    ['an absurd stroke width', { ...valid.highlighter, strokeWidth: 0.5 }],
    ['a colour name', { ...valid.pen, color: 'red' }],
    ['blank text', { ...valid.text, text: '  \n ' }],
    ['text too long', { ...valid.text, text: 'x'.repeat(TEXT_MAX_LENGTH + 1) }],
    ['a step numbered 0', { ...valid.step, number: 0 }],
    ['a fractional step number', { ...valid.step, number: 1.5 }],
    ['an unknown redaction style', { ...valid.redact, style: 'css-blur' }],
    ['an unknown field', { ...valid.step, label: 'x' }],
  ])('refuses %s', (_why, shape) => {
    expect(annotation.safeParse(shape).success).toBe(false);
  });
});

describe('annotations', () => {
  it('limits the points of all strokes together, to keep requests small', () => {
    const stroke = { ...valid.pen, points: Array.from({ length: STROKE_MAX_POINTS }, (_, index): [number, number] => [index / STROKE_MAX_POINTS, 0.5]) };
    const fits = Array.from({ length: TOTAL_MAX_POINTS / STROKE_MAX_POINTS }, () => stroke);
    expect(annotations.safeParse(fits).success).toBe(true);
    const result = annotations.safeParse([...fits, valid.highlighter]);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues[0]?.message).toContain('too many points');
  });
});

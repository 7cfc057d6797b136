import { z } from 'zod';
import { text } from './text';

/**
 * Annotations are vector shapes over a screenshot. Every coordinate is a fraction of the image's
 * width or height (0..1), so the dashboard can redraw them over the image at any display size.
 * Lengths (stroke widths, text and marker sizes) are fractions of the image's width.
 */
const fraction = z.number().min(0).max(1);

/** `[x, y]`, both fractions of the image: compact, since a pen stroke holds hundreds of them. */
export const annotationPoint = z.tuple([fraction, fraction]);

/** A length as a fraction of the image's width. */
const widthFraction = (max: number) => z.number().positive().max(max);

export const annotationColor = text()
  .regex(/^#[0-9a-f]{6}$/i, 'expected a colour like #ff3b30');

export const TEXT_MAX_LENGTH = 500;
export const STROKE_MAX_POINTS = 1000;
/** All strokes of a capture together: keeps the request well under the server's body limit. */
export const TOTAL_MAX_POINTS = 10_000;
export const ANNOTATIONS_MAX = 200;

// Unchanged since the first release: captures already stored hold exactly this shape.
export const rectAnnotation = z.strictObject({
  type: z.literal('rect'),
  x: fraction,
  y: fraction,
  width: fraction,
  height: fraction,
  color: annotationColor,
});

export const arrowAnnotation = z.strictObject({
  type: z.literal('arrow'),
  from: annotationPoint,
  /** The end with the arrowhead. */
  to: annotationPoint,
  color: annotationColor,
  strokeWidth: widthFraction(0.05),
});

const stroke = {
  /** Already smoothed by the editor: renderers join them with straight segments. */
  points: z.array(annotationPoint).min(2).max(STROKE_MAX_POINTS),
  color: annotationColor,
  strokeWidth: widthFraction(0.1),
};

export const penAnnotation = z.strictObject({ type: z.literal('pen'), ...stroke });

/** A wide translucent stroke, drawn under the text it marks. */
export const highlighterAnnotation = z.strictObject({ type: z.literal('highlighter'), ...stroke });

export const textAnnotation = z.strictObject({
  type: z.literal('text'),
  /** Top-left corner of the first line. */
  x: fraction,
  y: fraction,
  text: text().max(TEXT_MAX_LENGTH).regex(/\S/, 'a text label cannot be empty'),
  /** Font size. */
  size: widthFraction(0.2),
  color: annotationColor,
});

/** A numbered marker (1, 2, 3…) for steps to reproduce. */
export const stepAnnotation = z.strictObject({
  type: z.literal('step'),
  /** Centre of the marker. */
  x: fraction,
  y: fraction,
  number: z.int().min(1).max(999),
  /** Radius of the marker. */
  size: widthFraction(0.1),
  color: annotationColor,
});

export const redactionStyles = ['blur', 'solid'] as const;

/**
 * An area whose pixels were destroyed before upload ("blur" pixelates, "solid" fills). It is
 * listed so viewers know why the area looks that way; there is nothing under it to reveal.
 */
export const redactAnnotation = z.strictObject({
  type: z.literal('redact'),
  x: fraction,
  y: fraction,
  width: fraction,
  height: fraction,
  style: z.enum(redactionStyles),
  /** Why Snag added it at capture time ("password field"…); absent when the user drew it. */
  reason: text().max(200).optional(),
});

export const annotation = z.discriminatedUnion('type', [
  rectAnnotation,
  arrowAnnotation,
  penAnnotation,
  highlighterAnnotation,
  textAnnotation,
  stepAnnotation,
  redactAnnotation,
]);

export const annotations = z
  .array(annotation)
  .max(ANNOTATIONS_MAX)
  .refine((list) => pointCount(list) <= TOTAL_MAX_POINTS, {
    message: `the drawings hold too many points (at most ${TOTAL_MAX_POINTS})`,
  });

export type AnnotationPoint = z.infer<typeof annotationPoint>;
export type RectAnnotation = z.infer<typeof rectAnnotation>;
export type ArrowAnnotation = z.infer<typeof arrowAnnotation>;
export type PenAnnotation = z.infer<typeof penAnnotation>;
export type HighlighterAnnotation = z.infer<typeof highlighterAnnotation>;
export type StrokeAnnotation = PenAnnotation | HighlighterAnnotation;
export type TextAnnotation = z.infer<typeof textAnnotation>;
export type StepAnnotation = z.infer<typeof stepAnnotation>;
export type RedactAnnotation = z.infer<typeof redactAnnotation>;
export type RedactionStyle = RedactAnnotation['style'];
export type Annotation = z.infer<typeof annotation>;
export type AnnotationType = Annotation['type'];

function pointCount(list: readonly Annotation[]): number {
  return list.reduce((total, shape) => total + ('points' in shape ? shape.points.length : 0), 0);
}

import { z } from 'zod';

/**
 * Annotations are vector shapes over a screenshot. Every coordinate is a fraction of the image's
 * width or height (0..1), so the dashboard can redraw them over the image at any display size.
 */
const fraction = z.number().min(0).max(1);

export const annotationColor = z
  .string()
  .regex(/^#[0-9a-f]{6}$/i, 'expected a colour like #ff3b30');

export const rectAnnotation = z.strictObject({
  type: z.literal('rect'),
  x: fraction,
  y: fraction,
  width: fraction,
  height: fraction,
  color: annotationColor,
});

// A discriminated union on `type`: later tools (arrow, pen, text, …) join this list.
export const annotation = z.discriminatedUnion('type', [rectAnnotation]);

export const annotations = z.array(annotation).max(200);

export type RectAnnotation = z.infer<typeof rectAnnotation>;
export type Annotation = z.infer<typeof annotation>;

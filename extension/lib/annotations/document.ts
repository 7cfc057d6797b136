import type { Annotation, RedactionStyle } from '#shared/annotation';
import { WHOLE_IMAGE, type Box } from './geometry';
import type { RedactionSuggestion } from '../capture/draft';
import { composeCrop, cropShapes } from './crop';

/** A shape in the editor: the wire annotation plus an identity for selection and React keys. */
export interface PlacedShape {
  id: string;
  shape: Annotation;
}

/**
 * What the user has made of a screenshot so far; one snapshot of the undo history. `crop` is in
 * fractions of the captured image; the shapes are in fractions of the cropped image, as they are
 * sent (the uploaded image is the cropped one).
 */
export interface EditorDoc {
  crop: Box;
  shapes: readonly PlacedShape[];
}

export type NewId = () => string;

/** Suggestions from capture time are redacted from the start: removing one is the user's call. */
export function startingDoc(suggestions: readonly RedactionSuggestion[], newId: NewId, style: RedactionStyle = 'solid'): EditorDoc {
  return {
    crop: WHOLE_IMAGE,
    shapes: suggestions.map(({ reason, ...box }) => ({ id: newId(), shape: { type: 'redact', ...box, style, reason } })),
  };
}

export const addShape = (doc: EditorDoc, placed: PlacedShape): EditorDoc => ({ ...doc, shapes: [...doc.shapes, placed] });

export const replaceShape = (doc: EditorDoc, id: string, shape: Annotation): EditorDoc => ({
  ...doc,
  shapes: doc.shapes.map((placed) => (placed.id === id ? { id, shape } : placed)),
});

export const removeShape = (doc: EditorDoc, id: string): EditorDoc => ({
  ...doc,
  shapes: doc.shapes.filter((placed) => placed.id !== id),
});

export const findShape = (doc: EditorDoc, id: string | null): PlacedShape | undefined =>
  id === null ? undefined : doc.shapes.find((placed) => placed.id === id);

/**
 * Crop to `box` (drawn on the image as currently cropped, whose width ÷ height is `aspect`):
 * the crop composes with any earlier one and the shapes are re-expressed in the new image.
 */
export function applyCrop(doc: EditorDoc, box: Box, aspect: number): EditorDoc {
  return {
    crop: composeCrop(doc.crop, box),
    shapes: doc.shapes.flatMap(({ id, shape }) => cropShapes([shape], box, aspect).map((cropped) => ({ id, shape: cropped }))),
  };
}

/** Step markers count on from the highest one placed, so deleting one never repeats a number. */
export const nextStepNumber = (doc: EditorDoc): number =>
  Math.min(999, 1 + Math.max(0, ...doc.shapes.map(({ shape }) => (shape.type === 'step' ? shape.number : 0))));

export const annotationsOf = (doc: EditorDoc): Annotation[] => doc.shapes.map(({ shape }) => shape);

export function countShapes(doc: EditorDoc): { drawn: number; redactions: number } {
  const redactions = doc.shapes.filter(({ shape }) => shape.type === 'redact').length;
  return { drawn: doc.shapes.length - redactions, redactions };
}

/**
 * How annotations look, shared by every renderer (the editor's SVG, the flattened export's canvas
 * and the dashboard's SVG) so a shape looks the same wherever it is drawn. Everything here works
 * in pixels of the image being drawn on: multiply the shapes' fractions by its size first.
 */

export type Vec = readonly [number, number];

/** Translucency of the highlighter: the text under it stays readable. */
export const HIGHLIGHTER_OPACITY = 0.4;
/** Fill of a rectangle highlight, over the outline colour. */
export const RECT_FILL_OPACITY = 0.13;
/** A rectangle's outline: 1/400 of the image's width, at least 2 px. */
export const rectStrokeWidth = (imageWidth: number) => Math.max(2, imageWidth / 400);

export const TEXT_FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
export const TEXT_FONT_WEIGHT = 600;
export const TEXT_LINE_HEIGHT = 1.25;
/** From a line's top to its alphabetic baseline, in font sizes: every renderer places text by it. */
export const TEXT_BASELINE = 0.95;
/** Outline around text, in font sizes. */
export const TEXT_HALO = 0.18;
/** The light outline around text and markers, so they read on any background. */
export const HALO_COLOR = '#ffffff';

export const textLines = (text: string): string[] => text.split(/\r\n|\r|\n/);

/**
 * An arrowhead for a line from `from` to `to` with the given width: the triangle (tip first) and
 * where the shaft should stop so its square end does not poke through the tip.
 */
export function arrowHead(from: Vec, to: Vec, lineWidth: number): { head: [Vec, Vec, Vec]; shaftEnd: Vec } {
  const [dx, dy] = [to[0] - from[0], to[1] - from[1]];
  const length = Math.hypot(dx, dy) || 1;
  const [ux, uy] = [dx / length, dy / length];
  // The head grows with the line, but never past half the arrow's length.
  const headLength = Math.min(Math.max(lineWidth * 4, 10), length / 2);
  const halfWidth = headLength * 0.6;
  const base: Vec = [to[0] - ux * headLength, to[1] - uy * headLength];
  return {
    head: [to, [base[0] - uy * halfWidth, base[1] + ux * halfWidth], [base[0] + uy * halfWidth, base[1] - ux * halfWidth]],
    shaftEnd: [to[0] - ux * headLength * 0.8, to[1] - uy * headLength * 0.8],
  };
}

/** Black or white, whichever reads better on `hex` (#rrggbb): the number on a step marker. */
export function contrastingColor(hex: string): '#000000' | '#ffffff' {
  const channel = (offset: number) => {
    const value = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.039_28 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return luminance > 0.4 ? '#000000' : '#ffffff';
}

import type { Annotation, RedactionStyle } from '#shared/annotation';
import { boxBetween, clamp01, round4, type Point } from './geometry';
import { smoothStroke } from './smooth';

/** The editor's tools, in toolbar order, each with its one-key shortcut. */
export const tools = [
  { id: 'select', label: 'Select', key: 'v', help: 'select, move and resize; Delete removes' },
  { id: 'rect', label: 'Rectangle', key: 'r', help: 'drag to outline an area' },
  { id: 'arrow', label: 'Arrow', key: 'a', help: 'drag from the tail to the point' },
  { id: 'pen', label: 'Pen', key: 'p', help: 'draw freehand' },
  { id: 'text', label: 'Text', key: 't', help: 'click to type a label; Enter to finish' },
  { id: 'highlighter', label: 'Highlighter', key: 'h', help: 'mark text with a translucent stroke' },
  { id: 'step', label: 'Step', key: 'n', help: 'click to place numbered markers 1, 2, 3…' },
  { id: 'redact', label: 'Redact', key: 'b', help: 'drag over private data: it is destroyed on Save' },
  { id: 'crop', label: 'Crop', key: 'c', help: 'drag the area to keep' },
] as const;

export type Tool = (typeof tools)[number];
export type ToolId = Tool['id'];

/** The rectangle tool first: drawing a highlight needs no choice. */
export const DEFAULT_TOOL: ToolId = 'rect';

export function toolForKey(key: string): ToolId | undefined {
  return tools.find((tool) => tool.key === key.toLowerCase())?.id;
}

/** Tools that make a shape from a pointer drag. */
export type DragTool = 'rect' | 'arrow' | 'pen' | 'highlighter' | 'redact';
export const isDragTool = (tool: ToolId): tool is DragTool =>
  tool === 'rect' || tool === 'arrow' || tool === 'pen' || tool === 'highlighter' || tool === 'redact';

/** Default sizes as fractions of the captured image's width (about 3–4 px on a 1280 px screen). */
export const DEFAULT_SIZES = {
  arrow: 0.0035,
  pen: 0.003,
  highlighter: 0.016,
  text: 0.016,
  step: 0.012,
} as const;

export interface DrawStyle {
  color: string;
  redactionStyle: RedactionStyle;
  /** Width of the captured image ÷ width of the image as drawn (cropped): sizes stay the same on screen after a crop. */
  lengthScale: number;
  /** Width ÷ height of the image as drawn. */
  aspect: number;
}

const MIN_ARROW = 0.01;

/** The shape a drag with `tool` through `samples` (pointer positions, first to last) makes, if any. */
export function shapeFromDrag(tool: DragTool, samples: readonly Point[], style: DrawStyle): Annotation | null {
  const first = samples[0];
  const last = samples.at(-1);
  if (!first || !last) return null;
  const length = (size: number) => round4(size * style.lengthScale);
  switch (tool) {
    case 'rect':
    case 'redact': {
      const box = boxBetween(first, last);
      if (!box) return null;
      return tool === 'rect' ? { type: 'rect', ...box, color: style.color } : { type: 'redact', ...box, style: style.redactionStyle };
    }
    case 'arrow': {
      if (Math.hypot(last.x - first.x, (last.y - first.y) / style.aspect) < MIN_ARROW) return null;
      return {
        type: 'arrow',
        from: [round4(clamp01(first.x)), round4(clamp01(first.y))],
        to: [round4(clamp01(last.x)), round4(clamp01(last.y))],
        color: style.color,
        strokeWidth: length(DEFAULT_SIZES.arrow),
      };
    }
    case 'pen':
    case 'highlighter': {
      const points = smoothStroke(samples, style.aspect);
      return points && { type: tool, points, color: style.color, strokeWidth: length(DEFAULT_SIZES[tool]) };
    }
  }
}

/** A step marker at `point`, numbered `number`. */
export const stepAt = (point: Point, number: number, style: DrawStyle): Annotation => ({
  type: 'step',
  x: round4(point.x),
  y: round4(point.y),
  number,
  size: round4(DEFAULT_SIZES.step * style.lengthScale),
  color: style.color,
});

/** A text label with its top-left corner at `point`, or null for blank text. */
export function textAt(point: Point, text: string, style: DrawStyle): Annotation | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return {
    type: 'text',
    x: round4(point.x),
    y: round4(point.y),
    text: trimmed,
    size: round4(DEFAULT_SIZES.text * style.lengthScale),
    color: style.color,
  };
}

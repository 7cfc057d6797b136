import type { Annotation, AnnotationPoint } from '#shared/annotation';
import {
  arrowHead,
  contrastingColor,
  HALO_COLOR,
  HIGHLIGHTER_OPACITY,
  RECT_FILL_OPACITY,
  rectStrokeWidth,
  TEXT_BASELINE,
  TEXT_FONT_FAMILY,
  TEXT_FONT_WEIGHT,
  TEXT_HALO,
  TEXT_LINE_HEIGHT,
  textLines,
  type Vec,
} from '#shared/annotation-drawing';

/**
 * The part of a canvas 2D context annotations are drawn with. A real `CanvasRenderingContext2D`
 * (or an offscreen one) is one; tests pass a recorder.
 */
export type DrawingContext = Pick<
  CanvasRenderingContext2D,
  | 'save'
  | 'restore'
  | 'beginPath'
  | 'moveTo'
  | 'lineTo'
  | 'closePath'
  | 'arc'
  | 'fill'
  | 'stroke'
  | 'fillRect'
  | 'strokeRect'
  | 'fillText'
  | 'strokeText'
  | 'fillStyle'
  | 'strokeStyle'
  | 'lineWidth'
  | 'lineCap'
  | 'lineJoin'
  | 'globalAlpha'
  | 'font'
  | 'textAlign'
  | 'textBaseline'
>;

export interface PixelSize {
  width: number;
  height: number;
}

/**
 * Draw shapes onto a canvas holding the image at `size` pixels: the flattened export. Redactions
 * are not drawn here: they are already burned into the pixels (see `image/redact.ts`).
 */
export function drawAnnotations(context: DrawingContext, shapes: readonly Annotation[], size: PixelSize): void {
  for (const shape of shapes) {
    context.save();
    drawAnnotation(context, shape, size);
    context.restore();
  }
}

function drawAnnotation(context: DrawingContext, shape: Annotation, { width, height }: PixelSize): void {
  const at = ([x, y]: AnnotationPoint): Vec => [x * width, y * height];
  context.lineCap = 'round';
  context.lineJoin = 'round';
  switch (shape.type) {
    case 'rect': {
      const box = [shape.x * width, shape.y * height, shape.width * width, shape.height * height] as const;
      context.globalAlpha = RECT_FILL_OPACITY;
      context.fillStyle = shape.color;
      context.fillRect(...box);
      context.globalAlpha = 1;
      context.strokeStyle = shape.color;
      context.lineWidth = rectStrokeWidth(width);
      context.strokeRect(...box);
      return;
    }
    case 'arrow': {
      const lineWidth = shape.strokeWidth * width;
      const { head, shaftEnd } = arrowHead(at(shape.from), at(shape.to), lineWidth);
      context.strokeStyle = shape.color;
      context.fillStyle = shape.color;
      context.lineWidth = lineWidth;
      polyline(context, [at(shape.from), shaftEnd]);
      context.stroke();
      polyline(context, head);
      context.closePath();
      context.fill();
      return;
    }
    case 'pen':
    case 'highlighter': {
      if (shape.type === 'highlighter') context.globalAlpha = HIGHLIGHTER_OPACITY;
      context.strokeStyle = shape.color;
      context.lineWidth = shape.strokeWidth * width;
      // One path, one stroke: a translucent line does not darken where it crosses itself.
      polyline(context, shape.points.map(at));
      context.stroke();
      return;
    }
    case 'text': {
      const fontSize = shape.size * width;
      context.font = `${TEXT_FONT_WEIGHT} ${fontSize}px ${TEXT_FONT_FAMILY}`;
      context.textBaseline = 'alphabetic';
      context.textAlign = 'left';
      context.strokeStyle = HALO_COLOR;
      context.lineWidth = fontSize * TEXT_HALO;
      context.fillStyle = shape.color;
      textLines(shape.text).forEach((line, index) => {
        const x = shape.x * width;
        const y = shape.y * height + fontSize * (TEXT_BASELINE + index * TEXT_LINE_HEIGHT);
        context.strokeText(line, x, y);
        context.fillText(line, x, y);
      });
      return;
    }
    case 'step': {
      const [x, y] = at([shape.x, shape.y]);
      const radius = shape.size * width;
      context.beginPath();
      context.arc(x, y, radius, 0, Math.PI * 2);
      context.fillStyle = shape.color;
      context.fill();
      context.strokeStyle = HALO_COLOR;
      context.lineWidth = radius * 0.15;
      context.stroke();
      context.font = `700 ${radius * 1.1}px ${TEXT_FONT_FAMILY}`;
      context.textAlign = 'center';
      context.textBaseline = 'middle';
      context.fillStyle = contrastingColor(shape.color);
      context.fillText(String(shape.number), x, y);
      return;
    }
    case 'redact':
      return;
  }
}

function polyline(context: DrawingContext, points: readonly Vec[]): void {
  context.beginPath();
  points.forEach(([x, y], index) => (index === 0 ? context.moveTo(x, y) : context.lineTo(x, y)));
}

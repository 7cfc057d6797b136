import type { ReactNode } from 'react';
import type { Annotation, AnnotationPoint } from './annotation';
import {
  arrowHead,
  contrastingColor,
  HALO_COLOR,
  HIGHLIGHTER_OPACITY,
  TEXT_BASELINE,
  TEXT_FONT_FAMILY,
  TEXT_FONT_WEIGHT,
  TEXT_HALO,
  TEXT_LINE_HEIGHT,
  textLines,
  type Vec,
} from './annotation-drawing';

/** The shapes drawn the same way wherever they appear: the editor's overlay and the dashboard. */
export type DrawnShape = Extract<Annotation, { type: 'arrow' | 'pen' | 'highlighter' | 'text' | 'step' }>;

export const isDrawnShape = (shape: Annotation): shape is DrawnShape =>
  shape.type === 'arrow' || shape.type === 'pen' || shape.type === 'highlighter' || shape.type === 'text' || shape.type === 'step';

/**
 * One shape as SVG in the image's pixels (`size`), as the flattened export draws it. Text is the
 * reporter's and goes in as text, never as markup.
 */
export function DrawnShapeSvg({ shape, size }: { shape: DrawnShape; size: { width: number; height: number } }): ReactNode {
  const at = ([x, y]: AnnotationPoint): Vec => [x * size.width, y * size.height];
  switch (shape.type) {
    case 'arrow': {
      const width = shape.strokeWidth * size.width;
      const from = at(shape.from);
      const { head, shaftEnd } = arrowHead(from, at(shape.to), width);
      return (
        <g fill={shape.color} stroke={shape.color}>
          <line x1={from[0]} y1={from[1]} x2={shaftEnd[0]} y2={shaftEnd[1]} strokeWidth={width} strokeLinecap="round" />
          <polygon points={head.map((point) => point.join(',')).join(' ')} stroke="none" />
        </g>
      );
    }
    case 'pen':
    case 'highlighter':
      return (
        <polyline
          points={shape.points.map((point) => at(point).join(',')).join(' ')}
          fill="none"
          stroke={shape.color}
          strokeOpacity={shape.type === 'highlighter' ? HIGHLIGHTER_OPACITY : 1}
          strokeWidth={shape.strokeWidth * size.width}
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      );
    case 'text': {
      const fontSize = shape.size * size.width;
      const x = shape.x * size.width;
      const top = shape.y * size.height;
      return (
        <text
          fill={shape.color}
          stroke={HALO_COLOR}
          strokeWidth={fontSize * TEXT_HALO}
          strokeLinejoin="round"
          paintOrder="stroke"
          fontFamily={TEXT_FONT_FAMILY}
          fontWeight={TEXT_FONT_WEIGHT}
          fontSize={fontSize}
        >
          {textLines(shape.text).map((line, index) => (
            <tspan key={index} x={x} y={top + fontSize * (TEXT_BASELINE + index * TEXT_LINE_HEIGHT)}>
              {line}
            </tspan>
          ))}
        </text>
      );
    }
    case 'step': {
      const [cx, cy] = at([shape.x, shape.y]);
      const radius = shape.size * size.width;
      return (
        <g>
          <circle cx={cx} cy={cy} r={radius} fill={shape.color} stroke={HALO_COLOR} strokeWidth={radius * 0.15} />
          <text
            x={cx}
            y={cy}
            fill={contrastingColor(shape.color)}
            fontFamily={TEXT_FONT_FAMILY}
            fontWeight={700}
            fontSize={radius * 1.1}
            textAnchor="middle"
            dominantBaseline="central"
          >
            {shape.number}
          </text>
        </g>
      );
    }
  }
}

import type { ReactNode } from 'react';
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
import type { PixelSize } from '@/lib/annotations/render';

/** The screenshot as an SVG image, placed so that the crop's corner is at the origin. */
export interface ImageLayer {
  src: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

interface ShapeViewProps {
  id: string;
  shape: Annotation;
  /** The (cropped) image in pixels: the overlay's viewBox. */
  size: PixelSize;
  image: ImageLayer;
}

/**
 * One shape on the editor's overlay, drawn as the flattened export and the dashboard draw it.
 * A blur redaction previews with a blur of the image under it; Save pixelates it for real.
 */
export function ShapeView({ id, shape, size, image }: ShapeViewProps): ReactNode {
  const at = ([x, y]: AnnotationPoint): Vec => [x * size.width, y * size.height];
  switch (shape.type) {
    case 'rect':
      return (
        <rect
          {...boxIn(shape, size)}
          fill={shape.color}
          fillOpacity={RECT_FILL_OPACITY}
          stroke={shape.color}
          strokeWidth={rectStrokeWidth(size.width)}
        />
      );
    case 'redact': {
      const box = boxIn(shape, size);
      const clipId = `redact-${id}`;
      return (
        <g className="redaction">
          {shape.style === 'solid' ? (
            <rect {...box} fill="#000000" />
          ) : (
            <>
              <clipPath id={clipId}>
                <rect {...box} />
              </clipPath>
              <g clipPath={`url(#${clipId})`}>
                <rect {...box} fill="#808080" />
                <image href={image.src} {...pick(image)} filter="url(#redaction-blur)" preserveAspectRatio="none" />
                {/* Grey it down, so an area of flat colour still reads as redacted. */}
                <rect {...box} fill="#808080" fillOpacity={0.45} />
              </g>
            </>
          )}
          <rect {...box} fill="none" className="redaction-outline" vectorEffect="non-scaling-stroke" />
        </g>
      );
    }
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

const pick = ({ x, y, width, height }: ImageLayer) => ({ x, y, width, height });

function boxIn(box: { x: number; y: number; width: number; height: number }, size: PixelSize) {
  return { x: box.x * size.width, y: box.y * size.height, width: box.width * size.width, height: box.height * size.height };
}

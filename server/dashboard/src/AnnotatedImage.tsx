import { useState, type CSSProperties, type ReactNode } from 'react';
import type { Annotation, AnnotationPoint } from '#shared/annotation';
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
} from '#shared/annotation-drawing';

export interface Size {
  width: number;
  height: number;
}

interface AnnotatedImageProps {
  src: string;
  alt: string;
  annotations: readonly Annotation[];
  /** Used for the box's proportions until the image has loaded (e.g. the capture's viewport). */
  expectedSize: Size;
  /** Cap on the displayed height, as a CSS length (thumbnails); the width follows. */
  maxHeight?: string;
  /** Outline width in screen pixels, whatever the display size. */
  strokeWidth?: number;
  className?: string;
}

/**
 * A screenshot with its annotations redrawn on top as SVG. Annotation coordinates are fractions
 * of the image, so the overlay is stretched over exactly the image's box and the shapes line up at
 * any display size. Rectangle outlines keep a constant on-screen width; the other shapes scale with
 * the image, as they would in a flattened export. Redactions are already burned into the pixels.
 */
export function AnnotatedImage({
  src,
  alt,
  annotations,
  expectedSize,
  maxHeight,
  strokeWidth = 2,
  className,
}: AnnotatedImageProps) {
  const [natural, setNatural] = useState<Size | null>(null);
  const size = natural ?? expectedSize;
  const ratio = size.width / size.height;

  const caps: string[] = [];
  if (maxHeight) caps.push(`calc(${maxHeight} * ${ratio})`);
  if (natural) caps.push(`${natural.width}px`);
  const style: CSSProperties = {
    aspectRatio: `${size.width} / ${size.height}`,
    maxWidth: caps.length === 0 ? undefined : caps.length === 1 ? caps[0] : `min(${caps.join(', ')})`,
  };

  return (
    <div className={['annotated-image', className].filter(Boolean).join(' ')} style={style}>
      <img
        src={src}
        alt={alt}
        decoding="async"
        onLoad={(event) => {
          const { naturalWidth, naturalHeight } = event.currentTarget;
          if (naturalWidth > 0 && naturalHeight > 0) setNatural({ width: naturalWidth, height: naturalHeight });
        }}
      />
      {annotations.length > 0 && (
        // Drawn in the image's own pixels, so circles stay round and sizes (fractions of the
        // image's width) come out as they were drawn in the editor.
        <svg
          className="annotation-layer"
          viewBox={`0 0 ${size.width} ${size.height}`}
          preserveAspectRatio="none"
          aria-hidden="true"
          focusable="false"
        >
          {annotations.map((annotation, index) => (
            <AnnotationShape key={index} annotation={annotation} size={size} strokeWidth={strokeWidth} />
          ))}
        </svg>
      )}
    </div>
  );
}

interface ShapeProps {
  annotation: Annotation;
  size: Size;
  /** Outline width of rectangles, in screen pixels. */
  strokeWidth: number;
}

/** One annotation in image pixels. Text is the reporter's and goes in as text, never as markup. */
function AnnotationShape({ annotation, size, strokeWidth }: ShapeProps): ReactNode {
  const at = ([x, y]: AnnotationPoint): Vec => [x * size.width, y * size.height];
  switch (annotation.type) {
    case 'rect': {
      const box = boxIn(annotation, size);
      return (
        <g>
          {/* A light halo under the coloured outline keeps it visible on any background. */}
          <rect
            {...box}
            className="annotation-halo"
            fill="none"
            strokeWidth={strokeWidth + 2}
            vectorEffect="non-scaling-stroke"
          />
          <rect
            {...box}
            fill={annotation.color}
            fillOpacity={0.08}
            stroke={annotation.color}
            strokeWidth={strokeWidth}
            vectorEffect="non-scaling-stroke"
          />
        </g>
      );
    }
    case 'redact':
      // The pixels are already destroyed; a faint outline says the blotch is deliberate.
      return (
        <rect
          {...boxIn(annotation, size)}
          fill="none"
          stroke="#808080"
          strokeOpacity={0.7}
          strokeDasharray="4 3"
          strokeWidth={1}
          vectorEffect="non-scaling-stroke"
        />
      );
    case 'arrow': {
      const width = annotation.strokeWidth * size.width;
      const from = at(annotation.from);
      const { head, shaftEnd } = arrowHead(from, at(annotation.to), width);
      return (
        <g fill={annotation.color} stroke={annotation.color}>
          <line x1={from[0]} y1={from[1]} x2={shaftEnd[0]} y2={shaftEnd[1]} strokeWidth={width} strokeLinecap="round" />
          <polygon points={head.map((point) => point.join(',')).join(' ')} stroke="none" />
        </g>
      );
    }
    case 'pen':
    case 'highlighter':
      return (
        <polyline
          points={annotation.points.map((point) => at(point).join(',')).join(' ')}
          fill="none"
          stroke={annotation.color}
          strokeOpacity={annotation.type === 'highlighter' ? HIGHLIGHTER_OPACITY : 1}
          strokeWidth={annotation.strokeWidth * size.width}
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      );
    case 'text': {
      const fontSize = annotation.size * size.width;
      const x = annotation.x * size.width;
      const top = annotation.y * size.height;
      return (
        <text
          fill={annotation.color}
          stroke={HALO_COLOR}
          strokeWidth={fontSize * TEXT_HALO}
          strokeLinejoin="round"
          paintOrder="stroke"
          fontFamily={TEXT_FONT_FAMILY}
          fontWeight={TEXT_FONT_WEIGHT}
          fontSize={fontSize}
        >
          {textLines(annotation.text).map((line, index) => (
            <tspan key={index} x={x} y={top + fontSize * (TEXT_BASELINE + index * TEXT_LINE_HEIGHT)}>
              {line}
            </tspan>
          ))}
        </text>
      );
    }
    case 'step': {
      const [cx, cy] = at([annotation.x, annotation.y]);
      const radius = annotation.size * size.width;
      return (
        <g>
          <circle cx={cx} cy={cy} r={radius} fill={annotation.color} stroke={HALO_COLOR} strokeWidth={radius * 0.15} />
          <text
            x={cx}
            y={cy}
            fill={contrastingColor(annotation.color)}
            fontFamily={TEXT_FONT_FAMILY}
            fontWeight={700}
            fontSize={radius * 1.1}
            textAnchor="middle"
            dominantBaseline="central"
          >
            {annotation.number}
          </text>
        </g>
      );
    }
    default: {
      // A new type in the shared annotation union is a compile error here until it is drawn.
      const exhaustive: never = annotation;
      void exhaustive;
      return null;
    }
  }
}

function boxIn(box: { x: number; y: number; width: number; height: number }, size: Size) {
  return { x: box.x * size.width, y: box.y * size.height, width: box.width * size.width, height: box.height * size.height };
}

import { useState, type CSSProperties, type ReactNode } from 'react';
import type { Annotation } from '#shared/annotation';
import { DrawnShapeSvg } from '#shared/annotation-svg.tsx';

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
  /** A fixed display width in CSS pixels (zoomed views); may exceed the image's own width. */
  displayWidth?: number;
  /** Told the image's real size once it has loaded. */
  onNaturalSize?: (size: Size) => void;
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
  displayWidth,
  onNaturalSize,
}: AnnotatedImageProps) {
  const [natural, setNatural] = useState<Size | null>(null);
  const size = natural ?? expectedSize;
  const ratio = size.width / size.height;

  const caps: string[] = [];
  if (maxHeight) caps.push(`calc(${maxHeight} * ${ratio})`);
  if (natural) caps.push(`${natural.width}px`);
  const style: CSSProperties =
    displayWidth === undefined
      ? {
          aspectRatio: `${size.width} / ${size.height}`,
          maxWidth: caps.length === 0 ? undefined : caps.length === 1 ? caps[0] : `min(${caps.join(', ')})`,
        }
      : { aspectRatio: `${size.width} / ${size.height}`, width: `${displayWidth}px`, maxWidth: 'none' };

  return (
    <div className={['annotated-image', className].filter(Boolean).join(' ')} style={style}>
      <img
        src={src}
        alt={alt}
        decoding="async"
        draggable={false}
        onLoad={(event) => {
          const { naturalWidth, naturalHeight } = event.currentTarget;
          if (naturalWidth > 0 && naturalHeight > 0) {
            setNatural({ width: naturalWidth, height: naturalHeight });
            onNaturalSize?.({ width: naturalWidth, height: naturalHeight });
          }
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
    default:
      return <DrawnShapeSvg shape={annotation} size={size} />;
  }
}

function boxIn(box: { x: number; y: number; width: number; height: number }, size: Size) {
  return { x: box.x * size.width, y: box.y * size.height, width: box.width * size.width, height: box.height * size.height };
}

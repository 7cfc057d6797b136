import { useState, type CSSProperties, type ReactNode } from 'react';
import type { Annotation } from '#shared/annotation';

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
 * of the image, so the overlay uses a 0..1 viewBox stretched over exactly the image's box: the
 * shapes line up at any display size, and strokes keep a constant on-screen width.
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
        <svg
          className="annotation-layer"
          viewBox="0 0 1 1"
          preserveAspectRatio="none"
          aria-hidden="true"
          focusable="false"
        >
          {annotations.map((annotation, index) => (
            <AnnotationShape key={index} annotation={annotation} strokeWidth={strokeWidth} />
          ))}
        </svg>
      )}
    </div>
  );
}

function AnnotationShape({ annotation, strokeWidth }: { annotation: Annotation; strokeWidth: number }): ReactNode {
  switch (annotation.type) {
    case 'rect': {
      const box = { x: annotation.x, y: annotation.y, width: annotation.width, height: annotation.height };
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
    default: {
      // A new type in the shared annotation union is a compile error here until it is drawn.
      const exhaustive: never = annotation.type;
      void exhaustive;
      return null;
    }
  }
}

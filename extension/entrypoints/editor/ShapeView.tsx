import type { ReactNode } from 'react';
import type { Annotation } from '#shared/annotation';
import { RECT_FILL_OPACITY, rectStrokeWidth } from '#shared/annotation-drawing';
import { DrawnShapeSvg } from '#shared/annotation-svg.tsx';
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
    default:
      return <DrawnShapeSvg shape={shape} size={size} />;
  }
}

const pick = ({ x, y, width, height }: ImageLayer) => ({ x, y, width, height });

function boxIn(box: { x: number; y: number; width: number; height: number }, size: PixelSize) {
  return { x: box.x * size.width, y: box.y * size.height, width: box.width * size.width, height: box.height * size.height };
}

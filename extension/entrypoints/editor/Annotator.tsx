import { useEffect, useMemo, useState, type PointerEvent } from 'react';
import type { RectAnnotation } from '#shared/annotation';
import { pointIn, rectBetween, type Point } from '@/lib/annotation-geometry';
import type { StoredImage } from '@/lib/db';

interface AnnotatorProps {
  image: StoredImage;
  alt: string;
  highlights: RectAnnotation[];
  onChange: (highlights: RectAnnotation[]) => void;
}

/**
 * The screenshot with its highlights. The overlay's viewBox is the unit square, so shapes are drawn
 * directly in the fractions (0..1) the shared `rect` annotation stores.
 */
export function Annotator({ image, alt, highlights, onChange }: AnnotatorProps) {
  const [start, setStart] = useState<Point | null>(null);
  const [current, setCurrent] = useState<Point | null>(null);

  const source = useMemo(() => URL.createObjectURL(new Blob([image.bytes], { type: image.contentType })), [image]);
  useEffect(() => () => URL.revokeObjectURL(source), [source]);

  const pointOf = (event: PointerEvent<SVGSVGElement>) =>
    pointIn(event.currentTarget.getBoundingClientRect(), event.clientX, event.clientY);

  function begin(event: PointerEvent<SVGSVGElement>) {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    setStart(pointOf(event));
    setCurrent(pointOf(event));
  }

  function move(event: PointerEvent<SVGSVGElement>) {
    if (start) setCurrent(pointOf(event));
  }

  function end(event: PointerEvent<SVGSVGElement>) {
    if (!start) return;
    const highlight = rectBetween(start, pointOf(event));
    setStart(null);
    setCurrent(null);
    if (highlight) onChange([...highlights, highlight]);
  }

  const drawing = start && current ? rectBetween(start, current) : null;
  const count = highlights.length;

  return (
    <figure className="annotator">
      <div className="surface">
        <img src={source} alt={alt} draggable={false} />
        <svg
          viewBox="0 0 1 1"
          preserveAspectRatio="none"
          aria-hidden="true"
          onPointerDown={begin}
          onPointerMove={move}
          onPointerUp={end}
          onPointerCancel={() => {
            setStart(null);
            setCurrent(null);
          }}
        >
          {[...highlights, ...(drawing ? [drawing] : [])].map((rect, index) => (
            <rect
              key={index}
              x={rect.x}
              y={rect.y}
              width={rect.width}
              height={rect.height}
              fill={`${rect.color}22`}
              stroke={rect.color}
              strokeWidth={3}
              vectorEffect="non-scaling-stroke"
            />
          ))}
        </svg>
      </div>
      <figcaption>
        <span>
          Drag on the screenshot to highlight an area.{' '}
          {count === 0 ? 'No highlights yet.' : `${count} highlight${count === 1 ? '' : 's'}.`}
        </span>
        <button type="button" disabled={count === 0} onClick={() => onChange(highlights.slice(0, -1))}>
          Remove last highlight
        </button>
      </figcaption>
    </figure>
  );
}

import type { CSSProperties } from 'react';
import type { Annotation } from '#shared/annotation';
import { HANDLES, handlePoint, shapeBounds, type Handle } from '@/lib/annotations/bounds';

const percent = (value: number) => `${value * 100}%`;

/**
 * The selected shape's outline and drag handles, as HTML over the image so the handles keep their
 * size at any zoom. Handles are found by `data-handle` when a press starts (see `DrawingSurface`).
 */
export function SelectionFrame({ shape, aspect }: { shape: Annotation; aspect: number }) {
  if (shape.type === 'arrow') {
    return (
      <div className="selection" aria-hidden="true">
        <HandleDot name="from" x={shape.from[0]} y={shape.from[1]} />
        <HandleDot name="to" x={shape.to[0]} y={shape.to[1]} />
      </div>
    );
  }
  const box = shapeBounds(shape, aspect);
  const frame: CSSProperties = {
    left: percent(box.x),
    top: percent(box.y),
    width: percent(box.width),
    height: percent(box.height),
  };
  return (
    <div className="selection" aria-hidden="true">
      <div className="selection-frame" style={frame} />
      {HANDLES.map((handle) => {
        const point = handlePoint(box, handle);
        return <HandleDot key={handle} name={handle} x={point.x} y={point.y} />;
      })}
    </div>
  );
}

function HandleDot({ name, x, y }: { name: Handle | 'from' | 'to'; x: number; y: number }) {
  return <span className={`handle handle-${name}`} data-handle={name} style={{ left: percent(x), top: percent(y) }} />;
}

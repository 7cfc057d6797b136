import { useState, type CSSProperties, type MouseEvent, type PointerEvent } from 'react';
import { pointIn, type Box, type Point } from '@/lib/annotations/geometry';
import { HANDLES } from '@/lib/annotations/bounds';
import { addShape, findShape, removeShape, replaceShape, nextStepNumber, type EditorDoc } from '@/lib/annotations/document';
import { applyGesture, beginGesture, cropBoxOf, shapeAt, updateGesture, type Gesture, type PressTarget } from '@/lib/annotations/gestures';
import { DEFAULT_SIZES, stepAt, textAt, type DrawStyle, type ToolId } from '@/lib/annotations/tools';
import type { PixelSize } from '@/lib/annotations/render';
import { SelectionFrame } from './SelectionFrame';
import { ShapeView } from './ShapeView';
import { TextEntry, type TextEntryState } from './TextEntry';

interface DrawingSurfaceProps {
  src: string;
  alt: string;
  /** The captured image in pixels. */
  natural: PixelSize;
  onNaturalSize: (size: PixelSize) => void;
  /** The screenshot's CSS pixels per image pixel: shows it at the size it had on the page. */
  devicePixelRatio: number;
  doc: EditorDoc;
  onCommit: (change: (doc: EditorDoc) => EditorDoc) => void;
  tool: ToolId;
  style: DrawStyle;
  selectedId: string | null;
  onSelect: (id: string | null) => void;
}

/** Pointers closer than this (CSS pixels) to a thin shape still pick it. */
const TOUCH_PX = 6;
const PREVIEW_ID = 'preview';
const newId = () => crypto.randomUUID();

const percent = (value: number) => `${value * 100}%`;

function pressTarget(target: EventTarget): PressTarget {
  const handle = target instanceof Element ? target.closest('[data-handle]')?.getAttribute('data-handle') : null;
  if (handle === 'from' || handle === 'to') return { handle };
  const resize = HANDLES.find((name) => name === handle);
  return resize ? { handle: resize } : null;
}

/**
 * The screenshot (cropped by CSS, so a crop is undone instantly) under an SVG overlay in the
 * cropped image's pixels. Pointer presses start gestures (`gestures.ts`); text and step tools act
 * on click.
 */
export function DrawingSurface(props: DrawingSurfaceProps) {
  const { doc, style, natural, tool, selectedId } = props;
  const [gesture, setGesture] = useState<Gesture | null>(null);
  const [textEntry, setTextEntry] = useState<TextEntryState | null>(null);

  const { crop } = doc;
  const size: PixelSize = { width: natural.width * crop.width, height: natural.height * crop.height };
  const shown = gesture ? applyGesture(doc, gesture, style, PREVIEW_ID, false) : doc;
  const selected = gesture?.kind === 'draw' ? undefined : findShape(shown, selectedId);
  const cropping = cropBoxOf(gesture);

  const pointOf = (event: MouseEvent<HTMLElement>) =>
    pointIn(event.currentTarget.getBoundingClientRect(), event.clientX, event.clientY);

  /** Edit the text label under the point, or (unless `existingOnly`) start a new one there. */
  function openText(point: Point, width: number, existingOnly = false) {
    const hit = findShape(doc, shapeAt(doc, point, style.aspect, TOUCH_PX / width));
    const editing = hit?.shape.type === 'text' ? { id: hit.id, shape: hit.shape } : null;
    if (!editing && existingOnly) return;
    setTextEntry({
      at: editing ? { x: editing.shape.x, y: editing.shape.y } : point,
      fontSize: (editing?.shape.size ?? DEFAULT_SIZES.text * style.lengthScale) * width,
      color: editing?.shape.color ?? style.color,
      initial: editing?.shape.text ?? '',
      editingId: editing?.id ?? null,
    });
  }

  function placeText(entry: TextEntryState, text: string | null) {
    setTextEntry(null);
    if (text === null) return;
    const editing = findShape(doc, entry.editingId);
    if (editing?.shape.type === 'text') {
      const { id, shape } = editing;
      const trimmed = text.trim();
      props.onCommit((current) => (trimmed === '' ? removeShape(current, id) : replaceShape(current, id, { ...shape, text: trimmed })));
      return;
    }
    const shape = textAt(entry.at, text, { ...style, color: entry.color });
    if (shape) props.onCommit((current) => addShape(current, { id: newId(), shape }));
  }

  function press(event: PointerEvent<HTMLDivElement>) {
    if (event.button !== 0 || textEntry) return;
    const point = pointOf(event);
    const width = event.currentTarget.getBoundingClientRect().width || 1;
    if (tool === 'text') {
      event.preventDefault(); // Keep the focus for the text field about to open.
      return openText(point, width);
    }
    if (tool === 'step') {
      return props.onCommit((current) => addShape(current, { id: newId(), shape: stepAt(point, nextStepNumber(current), style) }));
    }
    const begun = beginGesture(tool, point, pressTarget(event.target), {
      doc,
      selectedId,
      aspect: style.aspect,
      tolerance: TOUCH_PX / width,
    });
    props.onSelect(begun.selectedId);
    if (begun.gesture) {
      event.currentTarget.setPointerCapture(event.pointerId);
      setGesture(begun.gesture);
    }
  }

  function release(event: PointerEvent<HTMLDivElement>) {
    if (!gesture) return;
    const finished = updateGesture(gesture, pointOf(event));
    setGesture(null);
    const id = newId();
    props.onCommit((current) => applyGesture(current, finished, style, id, true));
  }

  const surface: CSSProperties = {
    aspectRatio: `${size.width} / ${size.height}`,
    maxWidth: `${size.width / Math.max(1, props.devicePixelRatio)}px`,
  };
  // The whole image, placed so that the crop fills the surface.
  const image: CSSProperties = {
    width: percent(1 / crop.width),
    height: percent(1 / crop.height),
    left: percent(-crop.x / crop.width),
    top: percent(-crop.y / crop.height),
  };

  return (
    <div
      className={`surface tool-${tool}`}
      style={surface}
      onPointerDown={press}
      onPointerMove={(event) => gesture && setGesture(updateGesture(gesture, pointOf(event)))}
      onPointerUp={release}
      onPointerCancel={() => setGesture(null)}
      onDoubleClick={(event) => {
        if (tool === 'select') openText(pointOf(event), event.currentTarget.getBoundingClientRect().width || 1, true);
      }}
    >
      <img
        src={props.src}
        alt={props.alt}
        draggable={false}
        style={image}
        onLoad={(event) => {
          const { naturalWidth, naturalHeight } = event.currentTarget;
          if (naturalWidth > 0 && naturalHeight > 0) props.onNaturalSize({ width: naturalWidth, height: naturalHeight });
        }}
      />
      <svg viewBox={`0 0 ${size.width} ${size.height}`} preserveAspectRatio="none" aria-hidden="true">
        <defs>
          <filter id="redaction-blur">
            <feGaussianBlur stdDeviation={size.width / 150} />
          </filter>
        </defs>
        {shown.shapes.map(({ id, shape }) => (
          <ShapeView
            key={id}
            id={id}
            shape={shape}
            size={size}
            image={{
              src: props.src,
              x: -crop.x * natural.width,
              y: -crop.y * natural.height,
              width: natural.width,
              height: natural.height,
            }}
          />
        ))}
        {cropping && <CropShade box={cropping} size={size} />}
      </svg>
      {selected && tool === 'select' && <SelectionFrame shape={selected.shape} aspect={style.aspect} />}
      {textEntry && <TextEntry entry={textEntry} onDone={(text) => placeText(textEntry, text)} />}
    </div>
  );
}

/** Darkens what the crop will cut away. */
function CropShade({ box, size }: { box: Box; size: PixelSize }) {
  const [x, y, width, height] = [box.x * size.width, box.y * size.height, box.width * size.width, box.height * size.height];
  return (
    <g className="crop-preview">
      <path
        d={`M0 0H${size.width}V${size.height}H0Z M${x} ${y}v${height}h${width}v${-height}Z`}
        fillRule="evenodd"
        fill="rgb(0 0 0 / 45%)"
      />
      <rect x={x} y={y} width={width} height={height} fill="none" stroke="#ffffff" strokeDasharray="6 4" vectorEffect="non-scaling-stroke" />
    </g>
  );
}

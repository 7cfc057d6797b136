import type { Annotation } from '#shared/annotation';
import { boxBetween, round4, type Box, type Point } from './geometry';
import { dragHandle, hitsShape, resizeShape, shapeBounds, translateShape, type Handle } from './bounds';
import { addShape, applyCrop, findShape, replaceShape, type EditorDoc } from './document';
import { isDragTool, shapeFromDrag, type DragTool, type DrawStyle, type ToolId } from './tools';

/**
 * A pointer gesture on the screenshot, from pointer-down to pointer-up. The surface shows
 * `applyGesture` of the gesture so far as a preview, and commits it once when the pointer is
 * released, so a whole drag is one step of the undo history.
 */
export type Gesture =
  | { kind: 'draw'; tool: DragTool; samples: Point[] }
  | { kind: 'crop'; start: Point; current: Point }
  | { kind: 'move'; id: string; original: Annotation; start: Point; current: Point }
  | { kind: 'resize'; id: string; original: Annotation; bounds: Box; handle: Handle; start: Point; current: Point }
  | { kind: 'arrow-end'; id: string; end: 'from' | 'to'; start: Point; current: Point };

/** Where a press landed: on a selection handle (see `SelectionFrame`), or on the image. */
export type PressTarget = { handle: Handle | 'from' | 'to' } | null;

export interface PressContext {
  doc: EditorDoc;
  selectedId: string | null;
  aspect: number;
  /** How near (in widths of the image) counts as touching a shape. */
  tolerance: number;
}

/** The topmost shape under the point, if any. */
export function shapeAt(doc: EditorDoc, point: Point, aspect: number, tolerance: number): string | null {
  const hit = doc.shapes.findLast(({ shape }) => hitsShape(shape, point, aspect, tolerance));
  return hit?.id ?? null;
}

/**
 * What pressing at `point` with `tool` starts, and what is selected afterwards. Text and step
 * tools act on click and are handled by the surface; they start no gesture here.
 */
export function beginGesture(
  tool: ToolId,
  point: Point,
  target: PressTarget,
  context: PressContext,
): { gesture: Gesture | null; selectedId: string | null } {
  if (isDragTool(tool)) return { gesture: { kind: 'draw', tool, samples: [point] }, selectedId: null };
  if (tool === 'crop') return { gesture: { kind: 'crop', start: point, current: point }, selectedId: null };
  if (tool !== 'select') return { gesture: null, selectedId: context.selectedId };

  const selected = findShape(context.doc, context.selectedId);
  if (selected && target) {
    if (target.handle === 'from' || target.handle === 'to') {
      return { gesture: { kind: 'arrow-end', id: selected.id, end: target.handle, start: point, current: point }, selectedId: selected.id };
    }
    const bounds = shapeBounds(selected.shape, context.aspect);
    return {
      gesture: { kind: 'resize', id: selected.id, original: selected.shape, bounds, handle: target.handle, start: point, current: point },
      selectedId: selected.id,
    };
  }
  const id = shapeAt(context.doc, point, context.aspect, context.tolerance);
  const hit = findShape(context.doc, id);
  if (!hit) return { gesture: null, selectedId: null };
  return { gesture: { kind: 'move', id: hit.id, original: hit.shape, start: point, current: point }, selectedId: hit.id };
}

export function updateGesture(gesture: Gesture, point: Point): Gesture {
  return gesture.kind === 'draw' ? { ...gesture, samples: [...gesture.samples, point] } : { ...gesture, current: point };
}

/** The crop box being dragged, for the surface to outline. */
export const cropBoxOf = (gesture: Gesture | null): Box | null =>
  gesture?.kind === 'crop' ? boxBetween(gesture.start, gesture.current) : null;

const unmoved = (gesture: { start: Point; current: Point }) =>
  gesture.start.x === gesture.current.x && gesture.start.y === gesture.current.y;

/** The document as it would be if the gesture ended now. `id` names a shape the gesture creates. */
export function applyGesture(doc: EditorDoc, gesture: Gesture, style: DrawStyle, id: string, final: boolean): EditorDoc {
  // A click on a shape or a handle selects it; it must not nudge it.
  if (gesture.kind !== 'draw' && gesture.kind !== 'crop' && unmoved(gesture)) return doc;
  switch (gesture.kind) {
    case 'draw': {
      const shape = shapeFromDrag(gesture.tool, gesture.samples, style);
      return shape ? addShape(doc, { id, shape }) : doc;
    }
    case 'crop': {
      // Shown as an outline while dragging; the image is only cut on release.
      const box = cropBoxOf(gesture);
      return final && box ? applyCrop(doc, box, style.aspect) : doc;
    }
    case 'move': {
      const dx = gesture.current.x - gesture.start.x;
      const dy = gesture.current.y - gesture.start.y;
      return replaceShape(doc, gesture.id, translateShape(gesture.original, dx, dy, style.aspect));
    }
    case 'resize': {
      const box = dragHandle(gesture.bounds, gesture.handle, gesture.current);
      return replaceShape(doc, gesture.id, resizeShape(gesture.original, gesture.bounds, box));
    }
    case 'arrow-end': {
      const arrow = findShape(doc, gesture.id)?.shape;
      if (arrow?.type !== 'arrow') return doc;
      const end: [number, number] = [round4(gesture.current.x), round4(gesture.current.y)];
      return replaceShape(doc, gesture.id, { ...arrow, [gesture.end]: end });
    }
  }
}

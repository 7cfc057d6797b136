import { describe, expect, it } from 'vitest';
import { annotations, type Annotation } from '#shared/annotation';
import { WHOLE_IMAGE } from '@/lib/annotations/geometry';
import { addShape, annotationsOf, applyCrop, countShapes, nextStepNumber, removeShape, startingDoc, type EditorDoc } from '@/lib/annotations/document';
import { applyGesture, beginGesture, updateGesture, type Gesture } from '@/lib/annotations/gestures';
import { commandForKey } from '@/lib/annotations/shortcuts';
import { DEFAULT_TOOL, shapeFromDrag, stepAt, textAt, toolForKey, tools, type DrawStyle } from '@/lib/annotations/tools';

const style: DrawStyle = { color: '#007aff', redactionStyle: 'blur', lengthScale: 1, aspect: 1.6 };
let counter = 0;
const newId = () => `shape-${(counter += 1)}`;
const empty: EditorDoc = { crop: WHOLE_IMAGE, shapes: [] };

function drag(doc: EditorDoc, gesture: Gesture | null, ...points: Array<[number, number]>): EditorDoc {
  if (!gesture) throw new Error('no gesture started');
  const finished = points.reduce((current, [x, y]) => updateGesture(current, { x, y }), gesture);
  return applyGesture(doc, finished, style, newId(), true);
}

describe('tools', () => {
  it('has one distinct key per tool, rectangle first to draw with', () => {
    expect(DEFAULT_TOOL).toBe('rect');
    expect(new Set(tools.map((tool) => tool.key)).size).toBe(tools.length);
    expect(tools.map((tool) => [tool.key, tool.id])).toEqual([
      ['v', 'select'], ['r', 'rect'], ['a', 'arrow'], ['p', 'pen'], ['t', 'text'], ['h', 'highlighter'], ['n', 'step'], ['b', 'redact'], ['c', 'crop'],
    ]);
    expect(toolForKey('R')).toBe('rect');
    expect(toolForKey('x')).toBeUndefined();
  });

  it('makes a valid shape of each kind from a drag', () => {
    const samples = [{ x: 0.1, y: 0.1 }, { x: 0.2, y: 0.25 }, { x: 0.4, y: 0.3 }];
    const made = (['rect', 'arrow', 'pen', 'highlighter', 'redact'] as const).map((tool) => shapeFromDrag(tool, samples, style));
    expect(made.map((shape) => shape?.type)).toEqual(['rect', 'arrow', 'pen', 'highlighter', 'redact']);
    expect(made.find((shape) => shape?.type === 'redact')).toMatchObject({ style: 'blur' });
    expect(annotations.safeParse(made).success).toBe(true);
  });

  it('ignores a click with a drag tool', () => {
    for (const tool of ['rect', 'arrow', 'pen', 'redact'] as const) expect(shapeFromDrag(tool, [{ x: 0.5, y: 0.5 }], style)).toBeNull();
  });

  it('keeps new shapes the same size on screen after a crop', () => {
    const shape = shapeFromDrag('arrow', [{ x: 0.1, y: 0.1 }, { x: 0.5, y: 0.5 }], { ...style, lengthScale: 2 });
    expect(shape).toMatchObject({ strokeWidth: 0.007 });
    expect(stepAt({ x: 0.5, y: 0.5 }, 4, style)).toMatchObject({ type: 'step', number: 4 });
    expect(textAt({ x: 0.5, y: 0.5 }, '  Broken  ', style)).toMatchObject({ type: 'text', text: 'Broken' });
    expect(textAt({ x: 0.5, y: 0.5 }, '   ', style)).toBeNull();
  });
});

describe('document', () => {
  it('starts with the capture’s redaction suggestions, reasons included', () => {
    const doc = startingDoc([{ x: 0.1, y: 0.2, width: 0.3, height: 0.05, reason: 'password field' }], newId);
    expect(annotationsOf(doc)).toEqual([{ type: 'redact', x: 0.1, y: 0.2, width: 0.3, height: 0.05, style: 'solid', reason: 'password field' }]);
    expect(countShapes(doc)).toEqual({ drawn: 0, redactions: 1 });
  });

  it('numbers steps on from the highest, even after one is deleted', () => {
    let doc = empty;
    for (let index = 0; index < 3; index += 1) doc = addShape(doc, { id: `s${index}`, shape: stepAt({ x: 0.5, y: 0.5 }, nextStepNumber(doc), style) });
    expect(nextStepNumber(doc)).toBe(4);
    expect(nextStepNumber(removeShape(doc, 's1'))).toBe(4);
    expect(nextStepNumber(empty)).toBe(1);
  });

  it('crops: shapes follow into the cropped image, the crop composes', () => {
    const rect: Annotation = { type: 'rect', x: 0.5, y: 0.5, width: 0.2, height: 0.2, color: '#000000' };
    const doc = applyCrop(addShape(empty, { id: 'r', shape: rect }), { x: 0.5, y: 0.5, width: 0.5, height: 0.5 }, style.aspect);
    expect(doc.crop).toEqual({ x: 0.5, y: 0.5, width: 0.5, height: 0.5 });
    expect(doc.shapes).toEqual([{ id: 'r', shape: { ...rect, x: 0, y: 0, width: 0.4, height: 0.4 } }]);
  });
});

describe('gestures', () => {
  const context = (doc: EditorDoc, selectedId: string | null = null) => ({ doc, selectedId, aspect: style.aspect, tolerance: 0.005 });

  it('draws a rectangle with the default tool', () => {
    const { gesture } = beginGesture(DEFAULT_TOOL, { x: 0.2, y: 0.2 }, null, context(empty));
    const doc = drag(empty, gesture, [0.3, 0.3], [0.5, 0.4]);
    expect(annotationsOf(doc)).toEqual([{ type: 'rect', x: 0.2, y: 0.2, width: 0.3, height: 0.2, color: '#007aff' }]);
  });

  it('selects and moves a shape with the select tool, in one step', () => {
    const doc = addShape(empty, { id: 'r', shape: { type: 'rect', x: 0.2, y: 0.2, width: 0.2, height: 0.2, color: '#000000' } });
    const begun = beginGesture('select', { x: 0.3, y: 0.3 }, null, context(doc));
    expect(begun.selectedId).toBe('r');
    expect(annotationsOf(drag(doc, begun.gesture, [0.35, 0.3], [0.4, 0.35]))).toMatchObject([{ x: 0.3, y: 0.25 }]);
  });

  it('deselects on empty space', () => {
    const begun = beginGesture('select', { x: 0.9, y: 0.9 }, null, context(empty, 'gone'));
    expect(begun).toEqual({ gesture: null, selectedId: null });
  });

  it('resizes the selected shape by a handle', () => {
    const doc = addShape(empty, { id: 'r', shape: { type: 'redact', x: 0.2, y: 0.2, width: 0.2, height: 0.2, style: 'solid' } });
    const begun = beginGesture('select', { x: 0.4, y: 0.4 }, { handle: 'se' }, context(doc, 'r'));
    expect(annotationsOf(drag(doc, begun.gesture, [0.6, 0.5]))).toEqual([{ type: 'redact', x: 0.2, y: 0.2, width: 0.4, height: 0.3, style: 'solid' }]);
  });

  it('leaves a shape where it is on a mere click', () => {
    const doc = addShape(empty, { id: 'r', shape: { type: 'rect', x: 0.2, y: 0.2, width: 0.2, height: 0.2, color: '#000000' } });
    const onShape = beginGesture('select', { x: 0.3, y: 0.3 }, null, context(doc));
    const onHandle = beginGesture('select', { x: 0.401, y: 0.399 }, { handle: 'se' }, context(doc, 'r'));
    expect(drag(doc, onShape.gesture)).toBe(doc);
    expect(drag(doc, onHandle.gesture)).toBe(doc);
  });

  it('moves one end of an arrow', () => {
    const doc = addShape(empty, { id: 'a', shape: { type: 'arrow', from: [0.1, 0.1], to: [0.5, 0.5], color: '#000000', strokeWidth: 0.004 } });
    const begun = beginGesture('select', { x: 0.5, y: 0.5 }, { handle: 'to' }, context(doc, 'a'));
    expect(annotationsOf(drag(doc, begun.gesture, [0.7, 0.2]))).toMatchObject([{ from: [0.1, 0.1], to: [0.7, 0.2] }]);
  });

  it('crops only when the drag ends', () => {
    const { gesture } = beginGesture('crop', { x: 0, y: 0 }, null, context(empty));
    if (!gesture) throw new Error('no gesture');
    const during = updateGesture(gesture, { x: 0.5, y: 0.5 });
    expect(applyGesture(empty, during, style, 'x', false)).toBe(empty);
    expect(applyGesture(empty, during, style, 'x', true).crop).toEqual({ x: 0, y: 0, width: 0.5, height: 0.5 });
  });
});

describe('commandForKey', () => {
  const press = (key: string, modifiers: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) =>
    commandForKey({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...modifiers });

  it('maps every tool key and the editing keys', () => {
    for (const tool of tools) expect(press(tool.key)).toEqual({ kind: 'tool', tool: tool.id });
    expect(press('z', { ctrlKey: true })).toEqual({ kind: 'undo' });
    expect(press('z', { metaKey: true })).toEqual({ kind: 'undo' });
    expect(press('Z', { ctrlKey: true, shiftKey: true })).toEqual({ kind: 'redo' });
    expect(press('y', { ctrlKey: true })).toEqual({ kind: 'redo' });
    expect(press('Delete')).toEqual({ kind: 'delete' });
    expect(press('Backspace')).toEqual({ kind: 'delete' });
    expect(press('Escape')).toEqual({ kind: 'deselect' });
    expect(press('?', { shiftKey: true })).toEqual({ kind: 'toggle-legend' });
    expect(press('ArrowLeft')).toEqual({ kind: 'nudge', dx: -0.002, dy: 0 });
    expect(press('ArrowDown', { shiftKey: true })).toEqual({ kind: 'nudge', dx: 0, dy: 0.02 });
  });

  it('leaves the browser’s own shortcuts alone', () => {
    expect(press('r', { ctrlKey: true })).toBeNull();
    expect(press('c', { metaKey: true })).toBeNull();
    expect(press('r', { altKey: true })).toBeNull();
    expect(press('R', { shiftKey: true })).toBeNull();
  });
});

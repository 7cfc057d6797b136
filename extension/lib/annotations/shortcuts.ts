import { toolForKey, type ToolId } from './tools';

export type EditorCommand =
  | { kind: 'tool'; tool: ToolId }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'delete' }
  | { kind: 'deselect' }
  | { kind: 'nudge'; dx: number; dy: number }
  | { kind: 'toggle-legend' };

/** The parts of a `KeyboardEvent` that decide the command. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** A nudge moves the selection by this share of the image; with Shift, ten times as far. */
const NUDGE = 0.002;

const arrows: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** The editor's keyboard shortcuts. Callers skip key presses meant for a text field. */
export function commandForKey(press: KeyPress): EditorCommand | null {
  if (press.altKey) return null;
  const key = press.key.toLowerCase();
  // Cmd on macOS, Ctrl elsewhere.
  if (press.ctrlKey || press.metaKey) {
    if (key === 'z') return press.shiftKey ? { kind: 'redo' } : { kind: 'undo' };
    if (key === 'y' && !press.shiftKey) return { kind: 'redo' };
    return null;
  }
  if (press.key === 'Delete' || press.key === 'Backspace') return { kind: 'delete' };
  if (press.key === 'Escape') return { kind: 'deselect' };
  if (press.key === '?') return { kind: 'toggle-legend' };
  const arrow = arrows[press.key];
  if (arrow) {
    const step = press.shiftKey ? NUDGE * 10 : NUDGE;
    return { kind: 'nudge', dx: arrow[0] * step, dy: arrow[1] * step };
  }
  if (press.shiftKey) return null;
  const tool = toolForKey(key);
  return tool ? { kind: 'tool', tool } : null;
}

/** Whether a key press belongs to a text field (typing a comment must not switch tools). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select, [contenteditable]') !== null;
}

import { useRef, useState } from 'react';
import { TEXT_MAX_LENGTH } from '#shared/annotation';
import type { Point } from '@/lib/annotations/geometry';

export interface TextEntryState {
  at: Point;
  /** On screen, in CSS pixels: the label's size at the current zoom. */
  fontSize: number;
  color: string;
  initial: string;
  /** The text shape being edited; null for a new label. */
  editingId: string | null;
}

interface TextEntryProps {
  entry: TextEntryState;
  onDone: (text: string | null) => void;
}

/** Typing a text label in place. Enter (or leaving the field) places it, Shift+Enter breaks the line, Esc cancels. */
export function TextEntry({ entry, onDone }: TextEntryProps) {
  const [text, setText] = useState(entry.initial);
  // Enter places the label and unmounts the field, which may blur it: place it once.
  const settled = useRef(false);
  const finish = (value: string | null) => {
    if (settled.current) return;
    settled.current = true;
    onDone(value);
  };
  return (
    <textarea
      className="text-entry"
      aria-label="Label text"
      // The label is being placed where the user clicked: focus belongs there.
      autoFocus
      rows={Math.max(1, text.split('\n').length)}
      maxLength={TEXT_MAX_LENGTH}
      value={text}
      style={{
        left: `${entry.at.x * 100}%`,
        top: `${entry.at.y * 100}%`,
        fontSize: `${entry.fontSize}px`,
        color: entry.color,
      }}
      onChange={(event) => setText(event.target.value)}
      onPointerDown={(event) => event.stopPropagation()}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && !event.shiftKey) {
          event.preventDefault();
          finish(text);
        } else if (event.key === 'Escape') {
          event.preventDefault();
          finish(null);
        }
      }}
      onBlur={() => finish(text)}
    />
  );
}

import type { KeyboardEvent } from 'react';
import type { RedactionStyle } from '#shared/annotation';
import { tools, type ToolId } from '@/lib/annotations/tools';
import { ColorPicker } from './ColorPicker';

interface ToolbarProps {
  tool: ToolId;
  onTool: (tool: ToolId) => void;
  color: string;
  onColor: (color: string) => void;
  redactionStyle: RedactionStyle;
  onRedactionStyle: (style: RedactionStyle) => void;
  canUndo: boolean;
  canRedo: boolean;
  onUndo: () => void;
  onRedo: () => void;
  canDelete: boolean;
  onDelete: () => void;
  legendOpen: boolean;
  onToggleLegend: () => void;
}

const redactionStyles: Array<{ style: RedactionStyle; label: string }> = [
  { style: 'blur', label: 'Pixelate' },
  { style: 'solid', label: 'Black box' },
];

/** Left and Right move between the toolbar's buttons, as in any toolbar; Tab still reaches each. */
function moveFocus(event: KeyboardEvent<HTMLDivElement>) {
  if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
  const controls = [...event.currentTarget.querySelectorAll<HTMLElement>('button:not(:disabled), input')];
  const index = controls.findIndex((control) => control === document.activeElement);
  if (index < 0) return;
  const next = controls[(index + (event.key === 'ArrowRight' ? 1 : -1) + controls.length) % controls.length];
  next?.focus();
  event.preventDefault();
  event.stopPropagation(); // Not a nudge of the selected shape.
}

export function Toolbar(props: ToolbarProps) {
  return (
    <div className="toolbar" role="toolbar" aria-label="Annotation tools" onKeyDown={moveFocus}>
      <div className="tool-group" role="group" aria-label="Tools">
        {tools.map((tool) => (
          <button
            key={tool.id}
            type="button"
            aria-pressed={props.tool === tool.id}
            aria-keyshortcuts={tool.key.toUpperCase()}
            title={`${tool.label} (${tool.key.toUpperCase()}): ${tool.help}`}
            onClick={() => props.onTool(tool.id)}
          >
            {tool.label}
            <kbd aria-hidden="true">{tool.key.toUpperCase()}</kbd>
          </button>
        ))}
      </div>
      <ColorPicker color={props.color} onColor={props.onColor} />
      <div className="tool-group" role="group" aria-label="Redaction style">
        {redactionStyles.map(({ style, label }) => (
          <button key={style} type="button" aria-pressed={props.redactionStyle === style} onClick={() => props.onRedactionStyle(style)}>
            {label}
          </button>
        ))}
      </div>
      <div className="tool-group" role="group" aria-label="Edit">
        <button type="button" disabled={!props.canUndo} aria-keyshortcuts="Control+Z Meta+Z" onClick={props.onUndo}>
          Undo
        </button>
        <button type="button" disabled={!props.canRedo} aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y" onClick={props.onRedo}>
          Redo
        </button>
        <button type="button" disabled={!props.canDelete} aria-keyshortcuts="Delete Backspace" onClick={props.onDelete}>
          Delete shape
        </button>
        <button type="button" aria-expanded={props.legendOpen} aria-controls="shortcut-legend" aria-keyshortcuts="?" onClick={props.onToggleLegend}>
          Shortcuts
        </button>
      </div>
    </div>
  );
}

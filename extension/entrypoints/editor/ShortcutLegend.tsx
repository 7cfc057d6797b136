import { tools } from '@/lib/annotations/tools';

const editing: Array<[string, string]> = [
  ['Ctrl/⌘ Z', 'Undo'],
  ['Ctrl/⌘ Shift Z, Ctrl Y', 'Redo'],
  ['Delete, Backspace', 'Delete the selected shape'],
  ['Arrow keys (Shift: further)', 'Move the selected shape'],
  ['Esc', 'Deselect'],
  ['?', 'Show or hide these shortcuts'],
];

/** Every shortcut, from the same table the keyboard handler uses. */
export function ShortcutLegend() {
  return (
    <section id="shortcut-legend" className="legend" aria-label="Keyboard shortcuts">
      <dl>
        {tools.map((tool) => (
          <div key={tool.id}>
            <dt>
              <kbd>{tool.key.toUpperCase()}</kbd>
            </dt>
            <dd>
              {tool.label}: {tool.help}
            </dd>
          </div>
        ))}
        {editing.map(([keys, action]) => (
          <div key={keys}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{action}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

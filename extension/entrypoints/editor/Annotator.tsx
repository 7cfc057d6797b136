import { useEffect, useMemo, useState } from 'react';
import type { Annotation, RedactionStyle } from '#shared/annotation';
import { HIGHLIGHT_COLOR } from '@/lib/annotations/geometry';
import { translateShape } from '@/lib/annotations/bounds';
import { croppedAspect } from '@/lib/annotations/crop';
import { countShapes, findShape, removeShape, replaceShape, type EditorDoc } from '@/lib/annotations/document';
import type { PixelSize } from '@/lib/annotations/render';
import type { EditorCommand } from '@/lib/annotations/shortcuts';
import { DEFAULT_TOOL, tools, type DrawStyle, type ToolId } from '@/lib/annotations/tools';
import type { StoredImage } from '@/lib/capture/draft';
import { DrawingSurface } from './DrawingSurface';
import { RedactionList } from './RedactionList';
import { ShortcutLegend } from './ShortcutLegend';
import { Toolbar } from './Toolbar';
import type { HistoryControls } from './use-history';
import { useShortcuts } from './use-shortcuts';

interface AnnotatorProps {
  image: StoredImage;
  alt: string;
  history: HistoryControls<EditorDoc>;
  /** The image's size until it has loaded (the captured viewport in device pixels). */
  expectedSize: PixelSize;
  devicePixelRatio: number;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** The screenshot with its tools: toolbar, drawing surface, shortcuts and the list of redactions. */
export function Annotator({ image, alt, history, expectedSize, devicePixelRatio }: AnnotatorProps) {
  const [tool, setTool] = useState<ToolId>(DEFAULT_TOOL);
  const [color, setColor] = useState(HIGHLIGHT_COLOR);
  const [redactionStyle, setRedactionStyle] = useState<RedactionStyle>('blur');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [legendOpen, setLegendOpen] = useState(false);
  const [natural, setNatural] = useState<PixelSize | null>(null);

  const source = useMemo(() => URL.createObjectURL(new Blob([image.bytes], { type: image.contentType })), [image]);
  useEffect(() => () => URL.revokeObjectURL(source), [source]);

  const doc = history.present;
  const full = natural ?? expectedSize;
  const aspect = croppedAspect(full.width / full.height, doc.crop);
  const style: DrawStyle = { color, redactionStyle, lengthScale: 1 / doc.crop.width, aspect };
  const selected = findShape(doc, selectedId);

  /** Change the selected shape as one undoable step. */
  function changeSelected(change: (shape: Annotation) => Annotation) {
    if (!selected) return false;
    history.commit((current) => replaceShape(current, selected.id, change(selected.shape)));
    return true;
  }

  function chooseTool(next: ToolId) {
    setTool(next);
    if (next !== 'select') setSelectedId(null);
  }

  function deleteSelected() {
    if (!selected) return false;
    history.commit((current) => removeShape(current, selected.id));
    setSelectedId(null);
    return true;
  }

  function chooseColor(next: string) {
    setColor(next);
    changeSelected((shape) => ('color' in shape ? { ...shape, color: next } : shape));
  }

  function chooseRedactionStyle(next: RedactionStyle) {
    setRedactionStyle(next);
    changeSelected((shape) => (shape.type === 'redact' ? { ...shape, style: next } : shape));
  }

  useShortcuts((command: EditorCommand) => {
    switch (command.kind) {
      case 'tool':
        chooseTool(command.tool);
        return true;
      case 'undo':
        history.undo();
        return true;
      case 'redo':
        history.redo();
        return true;
      case 'delete':
        return deleteSelected();
      case 'deselect':
        setLegendOpen(false);
        setSelectedId(null);
        return selected !== undefined;
      case 'nudge':
        return changeSelected((shape) => translateShape(shape, command.dx, command.dy, aspect));
      case 'toggle-legend':
        setLegendOpen((open) => !open);
        return true;
    }
  });

  const counts = countShapes(doc);
  const current = tools.find(({ id }) => id === tool) ?? tools[0];
  return (
    <>
      <Toolbar
        tool={tool}
        onTool={chooseTool}
        color={color}
        onColor={chooseColor}
        redactionStyle={redactionStyle}
        onRedactionStyle={chooseRedactionStyle}
        canUndo={history.canUndo}
        canRedo={history.canRedo}
        onUndo={history.undo}
        onRedo={history.redo}
        canDelete={selected !== undefined}
        onDelete={deleteSelected}
        legendOpen={legendOpen}
        onToggleLegend={() => setLegendOpen((open) => !open)}
      />
      {legendOpen && <ShortcutLegend />}
      <figure className="annotator">
        <DrawingSurface
          src={source}
          alt={alt}
          natural={full}
          onNaturalSize={setNatural}
          devicePixelRatio={devicePixelRatio}
          doc={doc}
          onCommit={history.commit}
          tool={tool}
          style={style}
          selectedId={selected?.id ?? null}
          onSelect={setSelectedId}
        />
        <figcaption>
          {current.label}: {current.help}.{' '}
          {counts.drawn === 0 ? 'No highlights yet.' : `${plural(counts.drawn, 'highlight', 'highlights')}.`}
          {counts.redactions > 0 && ` ${plural(counts.redactions, 'area', 'areas')} redacted.`}
        </figcaption>
      </figure>
      <RedactionList
        doc={doc}
        onRemove={(id) => history.commit((latest) => removeShape(latest, id))}
        onSelect={(id) => {
          setTool('select');
          setSelectedId(id);
        }}
      />
    </>
  );
}

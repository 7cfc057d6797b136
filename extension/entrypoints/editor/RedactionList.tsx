import type { EditorDoc } from '@/lib/annotations/document';

interface RedactionListProps {
  doc: EditorDoc;
  onRemove: (id: string) => void;
  onSelect: (id: string) => void;
}

/**
 * The redactions, and why each is there: Snag adds some at capture time (password fields…), and
 * the user should see them, and may remove one that hides what the report is about.
 */
export function RedactionList({ doc, onRemove, onSelect }: RedactionListProps) {
  const redactions = doc.shapes.flatMap(({ id, shape }) => (shape.type === 'redact' ? [{ id, shape }] : []));
  if (redactions.length === 0) return null;
  return (
    <section className="redactions" aria-labelledby="redactions-heading">
      <h2 id="redactions-heading">Redacted before upload</h2>
      <ol>
        {redactions.map(({ id, shape }, index) => {
          const why = shape.reason ? `Added by Snag: ${shape.reason}` : 'Drawn by you';
          const name = `redaction ${index + 1}`;
          return (
            <li key={id}>
              <span>
                {why} · {shape.style === 'solid' ? 'black box' : 'pixelated'}
              </span>
              <button type="button" aria-label={`Select ${name} (${why})`} onClick={() => onSelect(id)}>
                Select
              </button>
              <button type="button" aria-label={`Remove ${name} (${why})`} onClick={() => onRemove(id)}>
                Remove
              </button>
            </li>
          );
        })}
      </ol>
      <p className="hint">These areas are destroyed in the uploaded image: nobody can see what was under them.</p>
    </section>
  );
}

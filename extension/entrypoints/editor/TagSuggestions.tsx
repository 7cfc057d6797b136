import { parseTags } from '@/lib/capture/save';

interface TagSuggestionsProps {
  /** The workspace's list. */
  suggestions: readonly string[];
  /** The Tags field as typed (comma-separated). */
  value: string;
  onChange: (next: string) => void;
}

/** Add a tag by a click: the workspace's tags not yet in the field. Typing still works. */
export function TagSuggestions({ suggestions, value, onChange }: TagSuggestionsProps) {
  const chosen = new Set(parseTags(value).map((tag) => tag.toLowerCase()));
  const remaining = suggestions.filter((tag) => !chosen.has(tag.toLowerCase()));
  if (remaining.length === 0) return null;
  const add = (tag: string) => {
    const typed = value.replace(/[\s,]+$/, '');
    onChange(typed === '' ? tag : `${typed}, ${tag}`);
  };
  return (
    <div className="tag-suggestions" role="group" aria-label="Suggested by your workspace">
      {remaining.map((tag) => (
        <button key={tag} type="button" className="chip" onClick={() => add(tag)}>
          <span aria-hidden="true">+ </span>
          {tag}
        </button>
      ))}
    </div>
  );
}

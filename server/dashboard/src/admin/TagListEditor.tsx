import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Field } from '../ui/Field';
import { useLoad } from '../ui/use-load';
import { describeError } from '../ui/http';
import type { Session } from '../ui/session-types';
import { addTag, moveTag, removeTag } from './tag-list';
import { loadTags, saveTags } from './api';
import { ActionResult, type ActionOutcome } from '../ui/ActionResult';
import { LoadFailed } from '../ui/LoadFailed';

/**
 * The workspace tag list (GET/PUT /api/v1/tags): the suggestions every reporter picks from in the
 * extension, in this order. Edits stay local until Save replaces the whole list.
 */
export function TagListEditor({ session }: { session: Session }) {
  const { http } = session;
  const [loaded, { reload }] = useLoad((signal) => loadTags(http, signal), [http]);
  const [list, setList] = useState<string[] | null>(null);
  const [draft, setDraft] = useState('');
  const [draftError, setDraftError] = useState<string | null>(null);
  const [result, setResult] = useState<ActionOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const focusAfterMove = useRef<string | null>(null);

  useEffect(() => {
    if (loaded.status === 'ready') setList(loaded.data.tags);
  }, [loaded]);

  useEffect(() => {
    // Keep focus on the moved tag's button so repeated moves need no re-aiming.
    if (focusAfterMove.current) document.getElementById(focusAfterMove.current)?.focus();
    focusAfterMove.current = null;
  }, [list]);

  if (loaded.status === 'loading' || (loaded.status === 'ready' && list === null)) {
    return <p className="acct-hint">Loading the tag list…</p>;
  }
  if (loaded.status === 'error' || list === null) {
    return (
      <LoadFailed message={loaded.status === 'error' ? loaded.message : 'The tag list did not load.'} onRetry={reload} />
    );
  }
  const saved = loaded.data.tags;
  const changed = list.join('\n') !== saved.join('\n');

  function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (list === null) return;
    const next = addTag(list, draft);
    if (!next.ok) {
      setDraftError(next.reason);
      input.current?.focus();
      return;
    }
    setList(next.value);
    setDraft('');
    setDraftError(null);
  }

  function move(index: number, by: number, buttonId: string) {
    if (list === null) return;
    focusAfterMove.current = buttonId;
    setList(moveTag(list, index, by));
  }

  async function save() {
    if (list === null || busy) return;
    setBusy(true);
    setResult(null);
    try {
      const answer = await saveTags(http, list);
      setList(answer.tags);
      setResult({ ok: true, text: `Saved ${answer.tags.length} tag${answer.tags.length === 1 ? '' : 's'}.` });
      reload();
    } catch (error) {
      setResult({ ok: false, text: `Could not save the tags: ${describeError(error)}` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {list.length === 0 ? (
        <p className="acct-hint">No tags: reporters can still type their own.</p>
      ) : (
        <ol className="admin-tag-list" aria-label="Workspace tags">
          {list.map((name, index) => {
            const slug = `tag-${index}`;
            return (
              <li key={name}>
                <span>{name}</span>
                <button
                  id={`${slug}-up`}
                  type="button"
                  className="acct-secondary"
                  aria-label={`Move ${name} up`}
                  disabled={index === 0}
                  onClick={() => move(index, -1, `tag-${index - 1}-up`)}
                >
                  ↑
                </button>
                <button
                  id={`${slug}-down`}
                  type="button"
                  className="acct-secondary"
                  aria-label={`Move ${name} down`}
                  disabled={index === list.length - 1}
                  onClick={() => move(index, 1, `tag-${index + 1}-down`)}
                >
                  ↓
                </button>
                <button type="button" className="acct-secondary" aria-label={`Remove ${name}`} onClick={() => setList(removeTag(list, index))}>
                  Remove
                </button>
              </li>
            );
          })}
        </ol>
      )}
      <form className="acct-inline-form" onSubmit={add} noValidate aria-label="Add a tag">
        <Field label="New tag" error={draftError}>
          {(control) => (
            <input {...control} ref={input} name="new-tag" maxLength={40} value={draft} onChange={(event) => setDraft(event.currentTarget.value)} />
          )}
        </Field>
        <button type="submit" className="acct-secondary">
          Add tag
        </button>
      </form>
      <div className="acct-actions">
        <button type="button" aria-disabled={busy || !changed} onClick={() => (changed ? void save() : undefined)}>
          Save tags
        </button>
        {changed && (
          <button type="button" className="acct-secondary" onClick={() => setList(saved)}>
            Undo changes
          </button>
        )}
      </div>
      <ActionResult result={result} />
    </>
  );
}

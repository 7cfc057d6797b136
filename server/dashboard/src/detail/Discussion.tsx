import { useId, useState, type FormEvent, type Ref } from 'react';
import { COMMENT_MAX_LENGTH, commentInput, type CaptureComment } from '#shared/review';
import { describeError } from '../ui/http';
import { Timestamp } from '../ui/Timestamp';

interface DiscussionProps {
  /** null while loading. */
  comments: readonly CaptureComment[] | null;
  loadError: string | null;
  canComment: boolean;
  onAdd: (body: string) => Promise<void>;
  /** `c` focuses the box. */
  inputRef: Ref<HTMLTextAreaElement>;
}

/** The team's comments on a capture, oldest first, and the box to add one. Comments are text. */
export function Discussion({ comments, loadError, canComment, onAdd, inputRef }: DiscussionProps) {
  const id = useId();
  const errorId = useId();
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function send(event?: FormEvent) {
    event?.preventDefault();
    if (busy) return;
    const parsed = commentInput.safeParse({ body });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Write a comment first');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onAdd(parsed.data.body);
      setBody('');
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="detail-discussion" aria-busy={comments === null && !loadError}>
      <h2 id="detail-discussion">Discussion{comments && comments.length > 0 ? ` (${comments.length})` : ''}</h2>
      {loadError && <p className="field-error">Comments could not be loaded: {loadError}</p>}
      {comments === null && !loadError && <p className="muted">Loading comments…</p>}
      {comments !== null && comments.length === 0 && <p className="muted">No comments yet.</p>}
      {comments !== null && comments.length > 0 && (
        <ol className="comment-list">
          {comments.map((comment) => (
            <li key={comment.id}>
              <p className="meta">
                <span className="meta-reporter">{comment.author.name}</span>
                <Timestamp iso={comment.createdAt} relative />
              </p>
              <p className="long-text">{comment.body}</p>
            </li>
          ))}
        </ol>
      )}
      {canComment && (
        <form className="comment-form" onSubmit={(event) => void send(event)}>
          <div className="field">
            <label htmlFor={id}>Add a comment</label>
            <textarea
              ref={inputRef}
              id={id}
              value={body}
              rows={3}
              maxLength={COMMENT_MAX_LENGTH}
              aria-invalid={error !== null}
              aria-describedby={error ? errorId : undefined}
              onChange={(event) => setBody(event.currentTarget.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void send();
                if (event.key === 'Escape') event.currentTarget.blur();
              }}
            />
            {error && (
              <p className="field-error" id={errorId} role="alert">
                {error}
              </p>
            )}
          </div>
          <div className="button-row">
            <button type="submit" aria-busy={busy} className={busy ? 'is-busy' : undefined}>
              Comment
            </button>
            <span className="muted">Ctrl+Enter to send</span>
          </div>
        </form>
      )}
    </section>
  );
}

import type { FormEvent, Ref } from 'react';
import { COMMENT_MAX_LENGTH, type CaptureComment } from '#shared/review';
import { describeError } from '../ui/http';
import { Timestamp } from '../ui/Timestamp';
import { CommentSendRow } from '../ui/CommentSendRow';
import { useCommentBox } from '../ui/use-comment-box';

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
  const { id, errorId, body, setBody, busy, setBusy, error, setError, begin } = useCommentBox();

  async function send(event?: FormEvent) {
    const text = begin(event);
    if (text === null) return;
    setError(null);
    try {
      await onAdd(text);
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
          <CommentSendRow busy={busy} label="Comment" />
        </form>
      )}
    </section>
  );
}

import type { FormEvent } from 'react';
import { COMMENT_MAX_LENGTH, type ReviewedCapture } from '#shared/review';
import type { CaptureApi } from '../ui/capture-api';
import { describeError } from '../ui/http';
import { pageLabel } from '../ui/format';
import type { CaptureHub } from '../ui/capture-hub';
import { Dialog } from '../ui/Dialog';
import { useNotices } from '../ui/notices';
import { CommentSendRow } from '../ui/CommentSendRow';
import { useCommentBox } from '../ui/use-comment-box';

interface CommentDialogProps {
  api: CaptureApi;
  hub: CaptureHub;
  /** The capture to comment on; null when closed. */
  capture: ReviewedCapture | null;
  onClose: () => void;
}

/** `c` in the feed: a quick comment without leaving the list. Ctrl/Cmd+Enter sends. */
export function CommentDialog({ api, hub, capture, onClose }: CommentDialogProps) {
  return (
    <Dialog open={capture !== null} onClose={onClose} title={capture ? `Comment on “${pageLabel(capture.page)}”` : 'Comment'}>
      {capture && <CommentForm api={api} hub={hub} capture={capture} onDone={onClose} />}
    </Dialog>
  );
}

function CommentForm({ api, hub, capture, onDone }: { api: CaptureApi; hub: CaptureHub; capture: ReviewedCapture; onDone: () => void }) {
  const notices = useNotices();
  const { id, errorId, body, setBody, busy, setBusy, error, setError, begin } = useCommentBox();

  async function send(event?: FormEvent) {
    const text = begin(event);
    if (text === null) return;
    try {
      await api.addComment(capture.id, text);
      hub.publish({
        source: 'local',
        type: 'updated',
        capture: { ...capture, counts: { ...capture.counts, comments: capture.counts.comments + 1 } },
      });
      notices.toast({ message: 'Comment added' });
      onDone();
    } catch (failure) {
      setBusy(false);
      setError(describeError(failure));
    }
  }

  return (
    <form className="comment-form" onSubmit={(event) => void send(event)}>
      <div className="field">
        <label htmlFor={id}>Comment</label>
        <textarea
          id={id}
          value={body}
          rows={5}
          maxLength={COMMENT_MAX_LENGTH}
          autoFocus
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => setBody(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void send();
          }}
        />
        {error && (
          <p className="field-error" id={errorId} role="alert">
            {error}
          </p>
        )}
      </div>
      <CommentSendRow busy={busy} label="Add comment" />
    </form>
  );
}

/** A comment form's send button (busy while sending) and its keyboard hint. */
export function CommentSendRow({ busy, label }: { busy: boolean; label: string }) {
  return (
    <div className="button-row">
      <button type="submit" aria-busy={busy} className={busy ? 'is-busy' : undefined}>
        {label}
      </button>
      <span className="muted">Ctrl+Enter to send</span>
    </div>
  );
}

/** A load that failed, said where the data would be, with a way to try again. */
export function LoadFailed({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div className="acct-error" role="alert">
      <p>{message}</p>
      <button type="button" className="acct-secondary" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}

/**
 * A live region for the outcome of the last action. Always rendered, even empty, so that screen
 * readers already watch it when the text arrives.
 */
export function StatusMessage({ children }: { children: string }) {
  return (
    <p role="status" className="status">
      {children}
    </p>
  );
}

import { useId } from 'react';
import type { Diagnostics } from '#shared/capture';

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

interface DiagnosticsSummaryProps {
  diagnostics: Diagnostics;
  attach: boolean;
  onAttach: (attach: boolean) => void;
}

/** The page's recent console and network errors (QA sites): what will be sent, and a way to leave them out. */
export function DiagnosticsSummary({ diagnostics, attach, onAttach }: DiagnosticsSummaryProps) {
  const id = useId();
  const { consoleErrors, failedRequests } = diagnostics;
  return (
    <section className="diagnostics-summary" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Console and network</h2>
      <p>
        From the last 5 minutes on this page: {count(consoleErrors.length, 'console error', 'console errors')},{' '}
        {count(failedRequests.length, 'failed request', 'failed requests')}.
      </p>
      {(consoleErrors.length > 0 || failedRequests.length > 0) && (
        <ul className="diagnostics-preview">
          {consoleErrors.slice(-3).map((entry, index) => (
            <li key={`c${index}`}>
              <code>{entry.message}</code>
            </li>
          ))}
          {failedRequests.slice(-3).map((entry, index) => (
            <li key={`r${index}`}>
              <code>
                {entry.status === 0 ? 'no answer' : entry.status} {entry.method} {entry.url}
              </code>
            </li>
          ))}
        </ul>
      )}
      <div className="check">
        <input id={`${id}-attach`} type="checkbox" checked={attach} onChange={(event) => onAttach(event.target.checked)} />
        <label htmlFor={`${id}-attach`}>Attach them to this capture</label>
      </div>
    </section>
  );
}

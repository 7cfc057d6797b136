import type { Diagnostics } from '#shared/capture';
import { formatDateTime } from '../ui/format';

/** The page's console errors and failed requests in the minutes before the capture. Page text: shown as text. */
export function DiagnosticsSection({ diagnostics }: { diagnostics: Diagnostics }) {
  const { consoleErrors, failedRequests } = diagnostics;
  return (
    <section aria-labelledby="detail-diagnostics" className="diagnostics">
      <h2 id="detail-diagnostics">Console and network</h2>
      <h3 id="detail-console-errors">Console errors ({consoleErrors.length})</h3>
      {consoleErrors.length === 0 ? (
        <p className="muted">None in the last minutes.</p>
      ) : (
        <ol className="diagnostic-list" aria-labelledby="detail-console-errors">
          {consoleErrors.map((entry, index) => (
            <li key={index}>
              <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
              <code className="long-text">{entry.message}</code>
              {entry.source !== undefined && <span className="muted">{entry.source}</span>}
            </li>
          ))}
        </ol>
      )}
      <h3 id="detail-failed-requests">Failed requests ({failedRequests.length})</h3>
      {failedRequests.length === 0 ? (
        <p className="muted">None in the last minutes.</p>
      ) : (
        <ol className="diagnostic-list" aria-labelledby="detail-failed-requests">
          {failedRequests.map((entry, index) => (
            <li key={index}>
              <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
              <span>
                <strong>{entry.status === 0 ? 'No answer' : entry.status}</strong> {entry.method}{' '}
                <code>{entry.url}</code>
              </span>
              {entry.error !== undefined && <span className="muted">{entry.error}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

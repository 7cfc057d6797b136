import type { CaptureDetail } from '#shared/review';
import { captureHref } from '../ui/route';
import { Timestamp } from '../ui/Timestamp';

/** Everyone who reported this problem and every customer it touched, its duplicates included. */
export function PeopleSection({ capture }: { capture: CaptureDetail }) {
  return (
    <section aria-labelledby="detail-people">
      <h2 id="detail-people">Who it affects</h2>
      <h3 id="detail-reporters">Reported by ({capture.reporters.length})</h3>
      <ul className="plain-list" aria-labelledby="detail-reporters">
        {capture.reporters.map((reporter) => (
          <li key={reporter.id}>{reporter.name}</li>
        ))}
      </ul>
      <h3 id="detail-customers">Customers ({capture.customers.length})</h3>
      {capture.customers.length === 0 ? (
        <p className="muted">None named</p>
      ) : (
        <ul className="plain-list" aria-labelledby="detail-customers">
          {capture.customers.map((customer) => (
            <li key={customer}>{customer}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

interface DuplicatesProps {
  capture: CaptureDetail;
  canTriage: boolean;
  onUnmerge: (id: string) => void;
}

/** Captures merged into this one, with the way back out. */
export function DuplicatesSection({ capture, canTriage, onUnmerge }: DuplicatesProps) {
  if (capture.duplicates.length === 0) return null;
  return (
    <section aria-labelledby="detail-duplicates">
      <h2 id="detail-duplicates">Duplicates ({capture.duplicates.length})</h2>
      <ol className="duplicate-list">
        {capture.duplicates.map((duplicate) => (
          <li key={duplicate.id}>
            <p className="meta">
              <span className="meta-reporter">{duplicate.reporter.name}</span>
              <Timestamp iso={duplicate.createdAt} relative />
              <a href={captureHref(duplicate.id)}>Open</a>
            </p>
            {duplicate.comment.trim() ? (
              <p className="long-text">{duplicate.comment}</p>
            ) : (
              <p className="muted">No comment</p>
            )}
            {canTriage && (
              <button type="button" className="button-secondary button-small" onClick={() => onUnmerge(duplicate.id)}>
                Unmerge<span className="visually-hidden"> the capture by {duplicate.reporter.name}</span>
              </button>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

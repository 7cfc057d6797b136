import { useEffect, useState } from 'react';
import { auditActions, type AuditAction, type AuditDetails, type AuditEntry } from '#shared/audit';
import { Field } from '../ui/Field';
import { When } from '../ui/When';
import { describeError, isAbort } from '../ui/http';
import type { Session } from '../ui/session-types';
import { loadAudit } from './api';

/** "member.role_changed" → "Member role changed". */
export function actionLabel(action: AuditAction): string {
  const text = action.replace(/[._]/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function formatDetails(details: AuditDetails): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${value === null ? '—' : String(value)}`)
    .join(', ');
}

type State =
  | { status: 'loading'; entries: AuditEntry[] }
  | { status: 'ready'; entries: AuditEntry[]; nextBefore: string | null }
  | { status: 'error'; entries: AuditEntry[]; message: string; before: string | null };

/** The audit log, newest first, filtered by action; "Older entries" pages back with `nextBefore`. */
export function AuditTab({ session }: { session: Session }) {
  const { http } = session;
  const [action, setAction] = useState<AuditAction | ''>('');
  const [state, setState] = useState<State>({ status: 'loading', entries: [] });
  const [request, setRequest] = useState<{ before: string | null; attempt: number }>({ before: null, attempt: 0 });

  useEffect(() => {
    const controller = new AbortController();
    const { before } = request;
    setState((previous) => ({ status: 'loading', entries: before === null ? [] : previous.entries }));
    loadAudit(http, action, before, controller.signal).then(
      (page) =>
        setState((previous) => ({
          status: 'ready',
          entries: before === null ? page.entries : [...previous.entries, ...page.entries],
          nextBefore: page.nextBefore,
        })),
      (error: unknown) => {
        if (isAbort(error)) return;
        setState((previous) => ({ status: 'error', entries: previous.entries, message: describeError(error), before }));
      },
    );
    return () => controller.abort();
  }, [http, action, request]);

  return (
    <section className="acct-section" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      <p className="acct-hint">Sign-ins, changes to people and their access, exports and deletions. Newest first.</p>
      <div className="acct-inline-form">
        <Field label="Action">
          {(control) => (
            <select
              {...control}
              value={action}
              onChange={(event) => {
                const chosen = auditActions.find((candidate) => candidate === event.currentTarget.value);
                setAction(chosen ?? '');
                setRequest({ before: null, attempt: 0 });
              }}
            >
              <option value="">All actions</option>
              {auditActions.map((option) => (
                <option key={option} value={option}>
                  {actionLabel(option)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {state.entries.length === 0 && state.status === 'ready' && <p className="acct-hint">Nothing recorded yet.</p>}
      {state.entries.length > 0 && (
        <div className="acct-table-wrap">
          <table className="acct-table">
            <caption className="acct-sr-only">Audit log entries</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Action</th>
                <th scope="col">By</th>
                <th scope="col">Target</th>
                <th scope="col">IP</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {state.entries.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <When iso={entry.at} />
                  </td>
                  <td>{actionLabel(entry.action)}</td>
                  <td>{entry.actor?.name ?? 'System'}</td>
                  <td>{entry.target ?? ''}</td>
                  <td>{entry.ip ?? ''}</td>
                  <td className="admin-audit-details">{formatDetails(entry.details)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {state.status === 'loading' && (
        <p className="acct-hint" role="status">
          Loading…
        </p>
      )}
      {state.status === 'error' && (
        <div className="acct-error" role="alert">
          <p>{state.message}</p>
          <button
            type="button"
            className="acct-secondary"
            onClick={() => setRequest((previous) => ({ before: state.before, attempt: previous.attempt + 1 }))}
          >
            Try again
          </button>
        </div>
      )}
      {state.status === 'ready' && state.nextBefore !== null && (
        <div className="acct-actions">
          <button
            type="button"
            className="acct-secondary"
            onClick={() => setRequest((previous) => ({ before: state.nextBefore, attempt: previous.attempt }))}
          >
            Older entries
          </button>
        </div>
      )}
    </section>
  );
}

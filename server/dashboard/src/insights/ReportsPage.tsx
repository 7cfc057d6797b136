import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { DIGEST_DEFAULT_DAYS } from '#shared/insights';
import type { Session } from '../ui/session-types';
import { ActiveFilters } from './ActiveFilters';
import { createInsightsApi, digestHref, exportHref, type InsightsApi } from './api';
import { describeKinds, describeTopHotspot, describeTotal, loadPreview } from './digest-preview';
import { FEED_FILTER_KEYS, filterQuery } from './filters';
import { feedHref } from './links';
import { LoadProblem } from './LoadProblem';
import { plural } from './onboarding';
import { checkRange, describeRange, presetRange, type DateRange } from './range';
import { DateRangeFields } from './DateRangeFields';
import { useLoadKeepingPrevious } from '../ui/use-load-keeping-previous';
import './insights.css';
import './reports.css';

export interface ReportsPageProps {
  session: Session;
  /** The hash query: the feed filter (plus from/to) to export. */
  params: URLSearchParams;
  navigate: (params: URLSearchParams) => void;
  /** Today, for the digest's default week (tests pass a fixed day). */
  now?: () => Date;
}

const systemNow = () => new Date();

/** Take captures elsewhere: the current filter as CSV or JSON, and the weekly digest. */
export function ReportsPage({ session, params, navigate, now = systemNow }: ReportsPageProps) {
  const api = useMemo(() => createInsightsApi(session.http), [session.http]);

  useEffect(() => {
    document.title = 'Reports · Snag';
  }, []);

  if (!session.can('export:create')) {
    return (
      <section className="reports" aria-labelledby="reports-title">
        <h1 id="reports-title" tabIndex={-1}>
          Reports
        </h1>
        <p className="notice">Your role cannot export captures or write digests. Ask an admin if you need them.</p>
      </section>
    );
  }

  return (
    <section className="reports" aria-labelledby="reports-title">
      <div className="page-heading">
        <h1 id="reports-title" tabIndex={-1}>
          Reports
        </h1>
      </div>
      <ExportCard params={params} navigate={navigate} />
      <DigestCard api={api} params={params} canPreview={session.can('insights:read')} today={now()} />
    </section>
  );
}

function ExportCard({ params, navigate }: { params: URLSearchParams; navigate: (params: URLSearchParams) => void }) {
  const from = params.get('from');
  const to = params.get('to');
  const created = from !== null || to !== null ? describeRange({ from: from ?? '…', to: to ?? '…' }) : 'at any date';
  return (
    <section className="report-card" aria-labelledby="export-title">
      <h2 id="export-title">Export captures</h2>
      <p>
        Every capture that matches the feed’s current filter, created {created}, with triage, comments and a link back
        to each one.
      </p>
      <ActiveFilters
        params={params}
        navigate={navigate}
        subject="the export"
        feedHref={feedHref(filterQuery(params, [...FEED_FILTER_KEYS, 'sort']))}
      />
      <div className="report-actions">
        <a className="report-link" href={exportHref(params, 'csv')} download>
          Download CSV
        </a>
        <a className="report-link report-link-secondary" href={exportHref(params, 'json')} download>
          Download JSON
        </a>
      </div>
      <p className="muted">
        CSV opens in any spreadsheet (cells that could run as formulas are made plain text). Each export is recorded in
        the audit log.
      </p>
    </section>
  );
}

interface DigestCardProps {
  api: InsightsApi;
  /** The feed filter the digest reports on (its own range replaces from/to). */
  params: URLSearchParams;
  canPreview: boolean;
  today: Date;
}

function DigestCard({ api, params, canPreview, today }: DigestCardProps) {
  const errorId = useId();
  const [range, setRange] = useState<DateRange>(() => presetRange(DIGEST_DEFAULT_DAYS, today));
  const [draft, setDraft] = useState<DateRange>(range);
  const [error, setError] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problem = checkRange(draft);
    setError(problem);
    if (problem === null) setRange(draft);
  }

  return (
    <section className="report-card" aria-labelledby="digest-title">
      <h2 id="digest-title">Digest</h2>
      <p>
        The weekly report for everyone: new and resolved captures, hot spots, onboarding friction by step and top
        customers, for the feed’s current filter. Print the page or paste the Markdown into a doc or chat.
      </p>
      <form className="range-picker" aria-label="Digest range" onSubmit={onSubmit}>
        <DateRangeFields draft={draft} onChange={setDraft} errorId={error ? errorId : undefined} />
        <button type="submit">Update</button>
        {error && (
          <p className="field-error" id={errorId} role="alert">
            {error}
          </p>
        )}
      </form>
      <p className="range-summary">
        <strong>{describeRange(range)}</strong> (UTC days)
      </p>
      <div className="report-actions">
        <a className="report-link" href={digestHref(range, 'html', params)} target="_blank" rel="noopener noreferrer">
          Open digest<span className="visually-hidden"> (opens in a new tab)</span>
        </a>
        <a className="report-link report-link-secondary" href={digestHref(range, 'markdown', params)} download>
          Download Markdown
        </a>
      </div>
      {canPreview && <HeadlinePreview api={api} range={range} params={params} />}
    </section>
  );
}

function HeadlinePreview({ api, range, params }: { api: InsightsApi; range: DateRange; params: URLSearchParams }) {
  const filter = filterQuery(params, FEED_FILTER_KEYS.filter((key) => key !== 'from' && key !== 'to'));
  const key = JSON.stringify([range, filter.toString()]);
  const { state, retry } = useLoadKeepingPrevious(key, (signal) => loadPreview(api, range, filter, signal));
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} aria-busy={state.status === 'loading'}>
      <h3 id={titleId}>Headline numbers</h3>
      {state.status === 'error' && <LoadProblem message={state.message} onRetry={retry} />}
      {state.status === 'loading' && (
        <p className="muted" role="status">
          Counting…
        </p>
      )}
      {state.status === 'ready' && (
        <dl className="headline-numbers">
          <div>
            <dt>New captures</dt>
            <dd>
              {describeTotal(state.data)}
              {state.data.total > 0 && <span className="muted"> ({describeKinds(state.data)})</span>}
            </dd>
          </div>
          <div>
            <dt>Top hot spot</dt>
            <dd>{describeTopHotspot(state.data)}</dd>
          </div>
          <div>
            <dt>Worst onboarding step</dt>
            <dd>{state.data.worstStep ? `${state.data.worstStep.flow}: ${state.data.worstStep.sentence}` : 'No onboarding friction'}</dd>
          </div>
          <div>
            <dt>Top customer</dt>
            <dd>
              {state.data.topCustomer
                ? `${state.data.topCustomer.name}: ${plural(state.data.topCustomer.count, 'capture', 'captures')}`
                : 'None named'}
            </dd>
          </div>
        </dl>
      )}
    </section>
  );
}

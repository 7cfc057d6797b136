import { useId } from 'react';
import { DAY_BUCKETS_MAX_DAYS, type TopItem } from '#shared/insights';
import type { BucketSize, InsightsApi, TimelineBy, TopDimension } from './api';
import { BarList } from './BarList';
import { feedLink } from './links';
import { LoadProblem } from './LoadProblem';
import type { DateRange } from './range';
import { TimelineChart } from './TimelineChart';
import { shownData, useLoadKeepingPrevious } from '../ui/use-load-keeping-previous';
import './charts.css';

const TOP_LIMIT = 10;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Day buckets up to about two months, weeks beyond (as the server does for hot spots), unless the URL says. */
export function bucketFor(params: URLSearchParams, range: DateRange): BucketSize {
  const asked = params.get('bucket');
  if (asked === 'day' || asked === 'week') return asked;
  const days = (Date.parse(range.to) - Date.parse(range.from)) / DAY_MS + 1;
  return days > DAY_BUCKETS_MAX_DAYS ? 'week' : 'day';
}

interface ChartsTabProps {
  api: InsightsApi;
  params: URLSearchParams;
  range: DateRange;
  navigate: (params: URLSearchParams) => void;
}

/** Captures over time by kind and by tag, and the pages and customers with the most captures. */
export function ChartsTab({ api, params, range, navigate }: ChartsTabProps) {
  const bucket = bucketFor(params, range);
  const bucketId = useId();

  return (
    <section className="insights-panel" aria-labelledby="charts-title">
      <h2 id="charts-title">Charts</h2>
      <div className="field chart-controls">
        <label htmlFor={bucketId}>Count captures per</label>
        <select
          id={bucketId}
          value={bucket}
          onChange={(event) => {
            const next = new URLSearchParams(params);
            next.set('bucket', event.currentTarget.value === 'week' ? 'week' : 'day');
            navigate(next);
          }}
        >
          <option value="day">Day</option>
          <option value="week">Week</option>
        </select>
      </div>
      <div className="charts-grid">
        <TimelinePanel api={api} params={params} range={range} bucket={bucket} by="kind" title={`Captures per ${bucket} by kind`} />
        <TimelinePanel api={api} params={params} range={range} bucket={bucket} by="tag" title={`Captures per ${bucket} by tag`} />
        <TopPanel
          api={api}
          params={params}
          range={range}
          dimension="page"
          title="Top pages"
          hrefFor={(item) => feedLink(params, range, { route: item.key })}
        />
        <TopPanel
          api={api}
          params={params}
          range={range}
          dimension="customer"
          title="Top customers"
          hrefFor={(item) => feedLink(params, range, { customer: item.key })}
        />
      </div>
    </section>
  );
}

interface TimelinePanelProps {
  api: InsightsApi;
  params: URLSearchParams;
  range: DateRange;
  bucket: BucketSize;
  by: TimelineBy;
  title: string;
}

function TimelinePanel({ api, params, range, bucket, by, title }: TimelinePanelProps) {
  const key = JSON.stringify([params.toString(), range, bucket, by]);
  const { state, retry } = useLoadKeepingPrevious(key, (signal) => api.timeline(params, range, { bucket, by }, signal));
  const data = shownData(state);
  return (
    <div className="chart-panel" aria-busy={state.status === 'loading'}>
      {state.status === 'error' && (
        <>
          <h3>{title}</h3>
          <LoadProblem message={state.message} onRetry={retry} />
        </>
      )}
      {state.status === 'loading' && data === null && (
        <>
          <h3>{title}</h3>
          <p className="muted" role="status">
            Loading…
          </p>
        </>
      )}
      {data !== null && <TimelineChart title={title} timeline={data} unit={data.bucket} />}
    </div>
  );
}

interface TopPanelProps {
  api: InsightsApi;
  params: URLSearchParams;
  range: DateRange;
  dimension: TopDimension;
  title: string;
  hrefFor: (item: TopItem) => string;
}

function TopPanel({ api, params, range, dimension, title, hrefFor }: TopPanelProps) {
  const key = JSON.stringify([params.toString(), range, dimension]);
  const { state, retry } = useLoadKeepingPrevious(key, (signal) => api.top(params, range, { dimension, limit: TOP_LIMIT }, signal));
  const data = shownData(state);
  const titleId = useId();
  return (
    <section className="chart-panel" aria-labelledby={titleId} aria-busy={state.status === 'loading'}>
      <h3 id={titleId}>{title}</h3>
      {state.status === 'error' && <LoadProblem message={state.message} onRetry={retry} />}
      {state.status === 'loading' && data === null && (
        <p className="muted" role="status">
          Loading…
        </p>
      )}
      {data !== null && data.items.length === 0 && <p className="muted">No captures in this range.</p>}
      {data !== null && data.items.length > 0 && (
        <BarList
          items={data.items}
          hrefFor={hrefFor}
          showKey={dimension === 'page'}
          showCustomers={dimension !== 'customer'}
          label={`${title}, most captures first`}
        />
      )}
    </section>
  );
}

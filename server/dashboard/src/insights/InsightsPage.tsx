import { useEffect, useMemo } from 'react';
import type { Session } from '../ui/session-types';
import { ActiveFilters } from './ActiveFilters';
import { createInsightsApi } from './api';
import { filterQuery } from './filters';
import { ChartsTab } from './ChartsTab';
import { HotspotsTab } from './HotspotsTab';
import { feedLink, INSIGHT_TABS, insightsHref, isInsightTab, reportsHref, type InsightTab } from './links';
import { OnboardingTab } from './OnboardingTab';
import { rangeFromParams, withRange } from './range';
import { RangePicker } from './RangePicker';
import './insights.css';

const TAB_LABELS: Readonly<Record<InsightTab, string>> = {
  hotspots: 'Hot spots',
  onboarding: 'Onboarding',
  charts: 'Charts',
};

export interface InsightsPageProps {
  session: Session;
  /** The hash query: the feed filter plus from/to (and this page's own settings). */
  params: URLSearchParams;
  navigate: (params: URLSearchParams) => void;
  /** `#/insights/<tab>`; hot spots when absent. */
  tab?: string;
  /** Today, for the date range presets (tests pass a fixed day). */
  now?: () => Date;
}

const systemNow = () => new Date();

/** Where feedback piles up: hot spots, onboarding friction per step, and charts over time. */
export function InsightsPage({ session, params, navigate, tab, now = systemNow }: InsightsPageProps) {
  const api = useMemo(() => createInsightsApi(session.http), [session.http]);
  const current: InsightTab | null = tab === undefined || tab === '' ? 'hotspots' : isInsightTab(tab) ? tab : null;
  const today = now();
  const { range, choice } = rangeFromParams(params, today);

  useEffect(() => {
    document.title = `${current ? TAB_LABELS[current] : 'Not found'} · Insights · Snag`;
  }, [current]);

  if (!session.can('insights:read')) {
    return (
      <section className="insights" aria-labelledby="insights-title">
        <h1 id="insights-title" tabIndex={-1}>
          Insights
        </h1>
        <p className="notice">Your role cannot see insights. Ask an admin if you need them.</p>
      </section>
    );
  }

  return (
    <section className="insights" aria-labelledby="insights-title">
      <div className="page-heading">
        <h1 id="insights-title" tabIndex={-1}>
          Insights
        </h1>
        {session.can('export:create') && (
          <p>
            {/* The captures these insights count: the filter and this range. */}
            <a href={reportsHref(withRange(filterQuery(params), range))}>Export or write a digest</a>
          </p>
        )}
      </div>

      <nav className="insights-tabs" aria-label="Insights views">
        <ul>
          {INSIGHT_TABS.map((name) => (
            <li key={name}>
              <a href={insightsHref(name, params)} aria-current={name === current ? 'page' : undefined}>
                {TAB_LABELS[name]}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <div className="insights-controls">
        <RangePicker range={range} choice={choice} now={today} onChange={(next) => navigate(withRange(params, next))} />
        <ActiveFilters params={params} navigate={navigate} subject="these insights" feedHref={feedLink(params, range)} />
      </div>

      {current === 'hotspots' && <HotspotsTab api={api} params={params} range={range} navigate={navigate} />}
      {current === 'onboarding' && <OnboardingTab api={api} params={params} range={range} />}
      {current === 'charts' && <ChartsTab api={api} params={params} range={range} navigate={navigate} />}
      {current === null && (
        <div className="empty-state">
          <h2>No such insights view</h2>
          <p>
            <a href={insightsHref('hotspots', params)}>Go to hot spots</a>
          </p>
        </div>
      )}
    </section>
  );
}

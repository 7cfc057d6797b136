import { useId } from 'react';
import type { InsightsApi } from './api';
import { feedLink } from './links';
import { LoadProblem } from './LoadProblem';
import type { FlowFriction, FlowStepFriction } from '#shared/insights';
import { flowSummary, plural, worstStepSentence } from './onboarding';
import { describeRange, type DateRange } from './range';
import { shownData, useLoadKeepingPrevious } from '../ui/use-load-keeping-previous';
import './charts.css';

interface OnboardingTabProps {
  api: InsightsApi;
  params: URLSearchParams;
  range: DateRange;
}

/** Friction per onboarding step, one bar chart per flow, with the step that hurts most said in words. */
export function OnboardingTab({ api, params, range }: OnboardingTabProps) {
  const key = JSON.stringify([params.toString(), range]);
  const { state, retry } = useLoadKeepingPrevious(key, (signal) => api.onboarding(params, range, signal));
  const data = shownData(state);

  return (
    <section className="insights-panel" aria-labelledby="onboarding-title" aria-busy={state.status === 'loading'}>
      <h2 id="onboarding-title">Onboarding friction</h2>
      {state.status === 'error' && <LoadProblem message={state.message} onRetry={retry} />}
      {state.status === 'loading' && data === null && (
        <p className="muted" role="status">
          Loading onboarding flows…
        </p>
      )}
      {data !== null && data.flows.length === 0 && (
        <div className="empty-state">
          <h3>No onboarding flows in this range</h3>
          <p>
            Captures that name a flow and step (the extension remembers them while someone walks a flow) appear here,{' '}
            {describeRange(range)}.
          </p>
        </div>
      )}
      {data?.flows.map((flow) => <FlowChart key={flow.flow} flow={flow} params={params} range={range} />)}
    </section>
  );
}

function severityNote(step: FlowStepFriction): string | null {
  const parts: string[] = [];
  if (step.severity.critical > 0) parts.push(`${step.severity.critical} critical`);
  if (step.severity.high > 0) parts.push(`${step.severity.high} high`);
  return parts.length > 0 ? parts.join(', ') : null;
}

function percent(value: number, max: number): string {
  return `${max > 0 ? Math.max(0, Math.min(100, (value / max) * 100)) : 0}%`;
}

function FlowChart({ flow, params, range }: { flow: FlowFriction; params: URLSearchParams; range: DateRange }) {
  // The server names the worst step (most captures, ties: most customers).
  const worst = flow.steps.find((step) => step.step === flow.worstStep) ?? null;
  const max = Math.max(0, ...flow.steps.map((step) => Math.max(step.count, step.customers)));
  const titleId = useId();

  return (
    <section className="flow-friction" aria-labelledby={titleId}>
      <h3 id={titleId}>{flow.flow}</h3>
      <p className="muted">{flowSummary(flow)}</p>
      {worst && (
        <p className="worst-step">
          <strong>{worstStepSentence(worst)}</strong>{' '}
          <a href={feedLink(params, range, { flow: flow.flow, step: worst.step })}>See these captures</a>
        </p>
      )}
      <p className="chart-legend" aria-hidden="true">
        <span className="legend-swatch chart-bar-captures" /> Captures <span className="legend-swatch chart-bar-customers" /> Customers
      </p>
      <ol className="step-bars" aria-label={`Friction per step in ${flow.flow}, in flow order`}>
        {flow.steps.map((step) => {
          const isWorst = step === worst;
          const severity = severityNote(step);
          return (
            <li key={step.step} className={isWorst ? 'step-bar is-worst' : 'step-bar'}>
              <a href={feedLink(params, range, { flow: flow.flow, step: step.step })}>
                <span className="step-name">
                  {step.step}
                  {isWorst && <span className="worst-badge"> hurts most</span>}
                </span>
                <span className="chart-bars" aria-hidden="true">
                  <span className="chart-bar chart-bar-captures" style={{ width: percent(step.count, max) }} />
                  <span className="chart-bar chart-bar-customers" style={{ width: percent(step.customers, max) }} />
                </span>
                <span className="step-numbers">
                  {plural(step.count, 'capture', 'captures')} · {plural(step.customers, 'customer', 'customers')}
                  {severity && <span className="step-severity"> ({severity})</span>}
                </span>
              </a>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

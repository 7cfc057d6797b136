import { useEffect, useId, useRef, useState } from 'react';
import { bucketLabel, describeTimeline, type Timeline } from './timeline';

interface TimelineChartProps {
  title: string;
  timeline: Timeline;
  unit: 'day' | 'week';
}

type ChartState = 'drawing' | 'drawn' | 'failed';

/**
 * Captures per bucket as a uPlot line chart, with the same numbers as a sentence (always shown)
 * and as a table (on request). The canvas is hidden from assistive technology: the text says it all.
 */
export function TimelineChart({ title, timeline, unit }: TimelineChartProps) {
  const canvasBox = useRef<HTMLDivElement>(null);
  const [chartState, setChartState] = useState<ChartState>('drawing');
  const [showTable, setShowTable] = useState(false);
  const titleId = useId();
  const tableId = useId();

  useEffect(() => {
    const element = canvasBox.current;
    if (element === null) return;
    let cancelled = false;
    let chart: { resize(width: number): void; destroy(): void } | null = null;
    let observer: ResizeObserver | null = null;
    setChartState('drawing');
    import('./uplot-chart')
      .then(({ drawTimeline }) => {
        if (cancelled) return;
        chart = drawTimeline(element, timeline, Math.max(280, element.clientWidth), unit);
        setChartState('drawn');
        if (typeof ResizeObserver !== 'undefined') {
          observer = new ResizeObserver(() => chart?.resize(Math.max(280, element.clientWidth)));
          observer.observe(element);
        }
      })
      .catch((error: unknown) => {
        // No canvas (an old or locked-down browser): the sentence and table still hold every number.
        console.warn('could not draw the chart', error);
        if (!cancelled) setChartState('failed');
      });
    return () => {
      cancelled = true;
      observer?.disconnect();
      chart?.destroy();
    };
  }, [timeline, unit]);

  return (
    <figure className="timeline-chart" aria-labelledby={titleId}>
      <figcaption id={titleId}>
        <h3>{title}</h3>
      </figcaption>
      <p className="chart-summary">{describeTimeline(timeline, unit)}</p>
      <div className="chart-canvas" ref={canvasBox} aria-hidden="true" />
      {chartState === 'failed' && <p className="muted">The chart could not be drawn here; the table has the numbers.</p>}
      {chartState !== 'failed' && (
        <button
          type="button"
          className="button-secondary button-small"
          aria-expanded={showTable}
          aria-controls={tableId}
          onClick={() => setShowTable((shown) => !shown)}
        >
          {showTable ? 'Hide data table' : 'Show data table'}
        </button>
      )}
      <div
        className="insights-table-scroll"
        id={tableId}
        hidden={!(showTable || chartState === 'failed')}
        role="region"
        aria-label={`${title}: data table`}
        tabIndex={0}
      >
        <table className="insights-data-table">
          <caption className="visually-hidden">{title}: captures per {unit}</caption>
          <thead>
            <tr>
              <th scope="col">{unit === 'day' ? 'Day' : 'Week of'}</th>
              {timeline.series.map((series) => (
                <th scope="col" key={series.key} className="number">
                  {series.key}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {timeline.buckets.map((bucket, index) => (
              <tr key={bucket}>
                <th scope="row">{bucketLabel(bucket)}</th>
                {timeline.series.map((series) => (
                  <td key={series.key} className="number">
                    {series.counts[index] ?? 0}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

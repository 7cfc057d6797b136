// Loaded on demand (the charts tab), so uPlot and its stylesheet stay out of the first page load.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { bucketLabel, bucketTimes, type Timeline } from './timeline';

export interface DrawnChart {
  resize(width: number): void;
  destroy(): void;
}

const FALLBACK_COLORS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#6a3d9a', '#8c6d31', '#7f7f7f'];
const HEIGHT = 240;

/** Series colours and axis ink from the page's CSS custom properties, so dark mode applies to the canvas too. */
function palette(element: HTMLElement): { series: string[]; ink: string; grid: string } {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    series: FALLBACK_COLORS.map((fallback, index) => read(`--chart-${index + 1}`, fallback)),
    ink: read('--text-muted', '#5b6570'),
    grid: read('--border', '#dde1e6'),
  };
}

/** Each series' total, and the range's first and last bucket, for a legend at rest. */
export function legendValues(timeline: Timeline) {
  const first = timeline.buckets[0];
  const last = timeline.buckets.at(-1);
  return {
    range: first === undefined || last === undefined ? '' : first === last ? bucketLabel(first) : `${bucketLabel(first)} – ${bucketLabel(last)}`,
    totals: timeline.series.map((series) => series.counts.reduce((sum, count) => sum + count, 0)),
  };
}

/**
 * A multi-series line chart of captures per bucket, drawn into `element`. Its legend reads as a
 * sentence at rest (the whole range: each series' total) and follows the cursor (that bucket's counts).
 */
export function drawTimeline(element: HTMLElement, timeline: Timeline, width: number, unit: 'day' | 'week'): DrawnChart {
  // uPlot draws later, in a frame callback, where a missing canvas could not be caught: check now.
  if (typeof Path2D === 'undefined' || element.ownerDocument.createElement('canvas').getContext('2d') === null) {
    throw new Error('no 2D canvas');
  }
  const colors = palette(element);
  const times = bucketTimes(timeline.buckets);
  const xs = times ?? timeline.buckets.map((_, index) => index);
  const axis = { stroke: colors.ink, grid: { stroke: colors.grid, width: 1 }, ticks: { stroke: colors.grid, width: 1 } };
  const resting = legendValues(timeline);
  const options: uPlot.Options = {
    width,
    height: HEIGHT,
    scales: { x: { time: times !== null }, y: { range: (_chart, _min, max) => [0, Math.max(1, max)] } },
    // Buckets are UTC days or weeks: label them in UTC, as the server counted them.
    tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
    series: [
      {
        label: unit === 'day' ? 'Day' : 'Week of',
        // Off the data (no cursor) uPlot passes no number: the legend then speaks for the whole range.
        value: (_chart: uPlot, raw: number | null) =>
          raw === null || !Number.isFinite(raw)
            ? resting.range
            : times === null
              ? (timeline.buckets[raw] ?? '')
              : bucketLabel(new Date(raw * 1000).toISOString()),
      },
      ...timeline.series.map((series, index) => ({
        label: series.key,
        stroke: colors.series[index % colors.series.length],
        width: 2,
        points: { show: timeline.buckets.length <= 31 },
        value: (_chart: uPlot, raw: number | null) =>
          raw === null || !Number.isFinite(raw) ? `${resting.totals[index] ?? 0} in all` : String(raw),
      })),
    ],
    axes: [
      times === null ? { ...axis, values: (_chart: uPlot, splits: number[]) => splits.map((index) => timeline.buckets[index] ?? '') } : axis,
      { ...axis, values: (_chart: uPlot, splits: number[]) => splits.map((value) => (Number.isInteger(value) ? String(value) : '')) },
    ],
  };
  const data: uPlot.AlignedData = [xs, ...timeline.series.map((series) => series.counts)];
  const chart = new uPlot(options, data, element);
  return {
    resize: (nextWidth) => chart.setSize({ width: nextWidth, height: HEIGHT }),
    destroy: () => chart.destroy(),
  };
}

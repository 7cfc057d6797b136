import type { TrendDirection } from '#shared/insights';

const WIDTH = 96;
const HEIGHT = 24;
const PAD = 2;

/** What the sparkline shows, in words: the direction (shared/insights.ts `trendOf`, as the server said it), peak and last value. */
export function describeTrend(counts: readonly number[], unit: 'day' | 'week', direction: TrendDirection): string {
  if (counts.length === 0) return 'No trend data';
  const peak = Math.max(...counts);
  const last = counts[counts.length - 1] ?? 0;
  return `Trend ${direction} over ${counts.length} ${unit}s: peak ${peak}, last ${unit} ${last}`;
}

/** A tiny line of counts per bucket; the text alternative is its accessible name. */
export function Sparkline({ counts, unit, direction }: { counts: readonly number[]; unit: 'day' | 'week'; direction: TrendDirection }) {
  const peak = Math.max(1, ...counts);
  const step = counts.length > 1 ? (WIDTH - 2 * PAD) / (counts.length - 1) : 0;
  const points = counts
    .map((value, index) => {
      const x = PAD + index * step;
      const y = HEIGHT - PAD - (value / peak) * (HEIGHT - 2 * PAD);
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
  return (
    <svg
      className="sparkline"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width={WIDTH}
      height={HEIGHT}
      role="img"
      aria-label={describeTrend(counts, unit, direction)}
      focusable="false"
    >
      <polyline className="sparkline-line" points={points} fill="none" />
    </svg>
  );
}

const WIDTH = 96;
const HEIGHT = 24;
const PAD = 2;

/** "rising", "falling" or "flat": the second half of the range against the first. */
export function trendDirection(counts: readonly number[]): 'rising' | 'falling' | 'flat' {
  const half = Math.floor(counts.length / 2);
  if (half === 0) return 'flat';
  const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
  const before = sum(counts.slice(0, half));
  const after = sum(counts.slice(counts.length - half));
  if (after > before) return 'rising';
  if (after < before) return 'falling';
  return 'flat';
}

/** What the sparkline shows, in words: the direction, peak and last value. */
export function describeTrend(counts: readonly number[], unit: 'day' | 'week'): string {
  if (counts.length === 0) return 'No trend data';
  const peak = Math.max(...counts);
  const last = counts[counts.length - 1] ?? 0;
  return `Trend ${trendDirection(counts)} over ${counts.length} ${unit}s: peak ${peak}, last ${unit} ${last}`;
}

/** A tiny line of counts per bucket; the text alternative is its accessible name. */
export function Sparkline({ counts, unit }: { counts: readonly number[]; unit: 'day' | 'week' }) {
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
      aria-label={describeTrend(counts, unit)}
      focusable="false"
    >
      <polyline className="sparkline-line" points={points} fill="none" />
    </svg>
  );
}

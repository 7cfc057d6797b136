import { TREND_WORDS } from '#shared/insights';
import { type DigestReport, excerpt, filterLabel, hotspotPlace, rangeLabel, STATUS_LABELS, utcMinute } from './digest-model';
import { escapeHtml as h } from './escape';

/** What the digest page may load: nothing but its own inline styles (and data: images). */
export const DIGEST_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE = `
  :root { color-scheme: light; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1d1f; }
  body { max-width: 60rem; margin: 2rem auto; padding: 0 1.25rem; }
  h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
  h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #d2d2d7; padding-bottom: .25rem; }
  .meta { color: #555; margin: 0 0 1.5rem; }
  .headline { display: flex; gap: 1rem; flex-wrap: wrap; padding: 0; list-style: none; }
  .headline li { border: 1px solid #d2d2d7; border-radius: .5rem; padding: .5rem .9rem; }
  .headline strong { display: block; font-size: 1.5rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #e5e5ea; vertical-align: top; overflow-wrap: anywhere; }
  td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
  .empty { color: #6e6e73; font-style: italic; }
  .rising, .new { color: #b3261e; } .falling { color: #1b7f3b; } .steady { color: #6e6e73; }
  @media print {
    :root { font-size: 11pt; }
    body { margin: 0; max-width: none; }
    a { color: inherit; text-decoration: none; }
    h2 { break-after: avoid; }
    tr, li { break-inside: avoid; }
    .screen-only { display: none; }
  }
`;

function table(header: readonly { label: string; numeric?: boolean }[], rows: readonly { html: string; numeric?: boolean }[][]): string {
  if (rows.length === 0) return '<p class="empty">Nothing in this range.</p>';
  const head = header.map((cell) => `<th${cell.numeric === true ? ' class="n"' : ''} scope="col">${h(cell.label)}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${row.map((cell) => `<td${cell.numeric === true ? ' class="n"' : ''}>${cell.html}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const text = (value: string) => ({ html: h(value) });
const num = (value: number) => ({ html: String(value), numeric: true });
/** Only links we built (to our own dashboard) are ever links; captured URLs stay text. */
const anchor = (label: string, url: string) => `<a href="${h(url)}">${h(label)}</a>`;

/**
 * The digest as one self-contained, printable HTML page: inline styles, no scripts, no external
 * resources, every captured string escaped (and served with DIGEST_CSP besides).
 */
export function digestHtml(report: DigestReport): string {
  const title = `Snag digest: ${rangeLabel(report)}`;
  const { headline } = report;
  const counts = (rows: DigestReport['byKind'], label: string) =>
    table([{ label }, { label: 'Captures', numeric: true }], rows.map(({ key, count }) => [text(key), num(count)]));

  const sections = [
    `<h1>${h(title)}</h1>`,
    `<p class="meta">Generated ${h(utcMinute(report.generatedAt))}<span class="screen-only"> · ${anchor('open the feed', report.feedLink)}</span></p>`,
    ...(report.filter === '' ? [] : [`<p class="meta">Only captures matching the feed filter <code>${h(filterLabel(report.filter))}</code></p>`]),
    '<h2>Headlines</h2>',
    '<ul class="headline">',
    `<li><strong>${headline.created}</strong>new captures</li>`,
    `<li><strong>${headline.resolved}</strong>resolved</li>`,
    ...headline.open.map(({ status, count }) => `<li><strong>${count}</strong>open: ${h(STATUS_LABELS[status])}</li>`),
    '</ul>',
    '<h2>By kind</h2>',
    counts(report.byKind, 'Kind'),
    '<h2>By tag</h2>',
    counts(report.byTag, 'Tag'),
    '<h2>Hot spots</h2>',
    table(
      [{ label: 'Page' }, { label: 'Captures', numeric: true }, { label: 'Customers', numeric: true }, { label: 'Trend' }],
      report.hotspots.map((spot) => [
        { html: anchor(hotspotPlace(spot), spot.link) },
        num(spot.count),
        num(spot.customers),
        { html: `<span class="${spot.trend}">${h(TREND_WORDS[spot.trend])}</span>` },
      ]),
    ),
    '<h2>New friction by flow step</h2>',
    table(
      [
        { label: 'Flow' },
        { label: 'Step' },
        { label: 'Captures', numeric: true },
        { label: 'Customers', numeric: true },
        { label: 'Critical', numeric: true },
        { label: 'High', numeric: true },
      ],
      report.friction.map((step) => [
        text(step.flow),
        text(step.step),
        num(step.count),
        num(step.customers),
        num(step.severity.critical),
        num(step.severity.high),
      ]),
    ),
    '<h2>Resolved</h2>',
    table(
      [{ label: 'Capture' }, { label: 'Page' }, { label: 'Resolved' }],
      report.resolved.map((item) => [
        { html: anchor(excerpt(item.comment), item.link) },
        text(item.pageTitle || item.route),
        text(item.resolvedAt.slice(0, 10)),
      ]),
    ),
    '<h2>Top customers</h2>',
    counts(report.topCustomers, 'Customer'),
  ];

  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${h(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...sections,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

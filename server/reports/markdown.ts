import { TREND_WORDS } from '#shared/insights';
import { type DigestReport, excerpt, filterLabel, hotspotPlace, rangeLabel, STATUS_LABELS, utcMinute } from './digest-model';
import { escapeMarkdown as md } from './escape';

const NOTHING = '_Nothing in this range._';

function table(header: readonly string[], align: readonly ('left' | 'right' | 'center')[], rows: readonly string[][]): string[] {
  if (rows.length === 0) return [NOTHING];
  const rule = align.map((side) => (side === 'right' ? '---:' : side === 'center' ? ':---:' : '---'));
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(rule), ...rows.map(line)];
}

/** A link we made (to our own dashboard); the URL's `(`, `)` and spaces are percent-encoded. */
function link(text: string, url: string): string {
  return `[${text}](${url.replace(/[()\s<>]/g, (char) => encodeURIComponent(char))})`;
}

/**
 * The digest as Markdown for chat tools and wikis. Every captured string goes through
 * escapeMarkdown, so a comment cannot add links, images, HTML or table cells.
 */
export function digestMarkdown(report: DigestReport): string {
  const { headline } = report;
  const open = headline.open.map(({ status, count }) => `**${count}** ${STATUS_LABELS[status]}`).join(', ');
  const lines = [
    `# Snag digest: ${rangeLabel(report)}`,
    '',
    `Generated ${utcMinute(report.generatedAt)} · ${link('open the feed', report.feedLink)}`,
    '',
    ...(report.filter === '' ? [] : [`Only captures matching the feed filter: ${md(filterLabel(report.filter))}`, '']),
    '## Headlines',
    '',
    `- **${headline.created}** new captures`,
    `- **${headline.resolved}** resolved`,
    `- Open now: ${open === '' ? 'nothing' : open}`,
    '',
    '## By kind',
    '',
    ...table(['Kind', 'Captures'], ['left', 'right'], report.byKind.map(({ key, count }) => [md(key), String(count)])),
    '',
    '## By tag',
    '',
    ...table(['Tag', 'Captures'], ['left', 'right'], report.byTag.map(({ key, count }) => [md(key), String(count)])),
    '',
    '## Hot spots',
    '',
    ...table(
      ['Page', 'Captures', 'Customers', 'Trend', ''],
      ['left', 'right', 'right', 'center', 'left'],
      report.hotspots.map((spot) => [
        md(hotspotPlace(spot)),
        String(spot.count),
        String(spot.customers),
        TREND_WORDS[spot.trend],
        link('feed', spot.link),
      ]),
    ),
    '',
    '## New friction by flow step',
    '',
    ...table(
      ['Flow', 'Step', 'Captures', 'Customers', 'Critical', 'High'],
      ['left', 'left', 'right', 'right', 'right', 'right'],
      report.friction.map((step) => [
        md(step.flow),
        md(step.step),
        String(step.count),
        String(step.customers),
        String(step.severity.critical),
        String(step.severity.high),
      ]),
    ),
    '',
    '## Resolved',
    '',
    ...(report.resolved.length === 0
      ? [NOTHING]
      : report.resolved.map(
          (item) =>
            `- ${md(excerpt(item.comment))} — ${md(item.pageTitle || item.route)} (resolved ${item.resolvedAt.slice(0, 10)}) ${link('open', item.link)}`,
        )),
    '',
    '## Top customers',
    '',
    ...table(['Customer', 'Captures'], ['left', 'right'], report.topCustomers.map(({ key, count }) => [md(key), String(count)])),
    '',
  ];
  return lines.join('\n');
}

import { EXPORT_CSV_COLUMNS } from '#shared/insights';
import type { CaptureComment, ReviewedCapture } from '#shared/review';
import { csvRecord } from './csv';

/** One exported capture: the feed's view of it and its ops comments, oldest first. */
export interface ExportedCapture {
  capture: ReviewedCapture;
  comments: CaptureComment[];
}

/** Where the dashboard shows a capture, on the server the export came from. */
export function dashboardLink(origin: string, captureId: string): string {
  return `${origin}/#/captures/${encodeURIComponent(captureId)}`;
}

export function csvHeader(): string {
  return csvRecord(EXPORT_CSV_COLUMNS);
}

/** The CSV record of one capture, columns as EXPORT_CSV_COLUMNS names them. */
export function csvCaptureRecord({ capture, comments }: ExportedCapture, origin: string): string {
  const cells: Record<(typeof EXPORT_CSV_COLUMNS)[number], string | number | null> = {
    id: capture.id,
    createdAt: capture.createdAt,
    kind: capture.kind,
    status: capture.triage.status,
    priority: capture.triage.priority,
    severity: capture.severity ?? null,
    category: capture.category ?? null,
    assignee: capture.triage.assignee?.name ?? null,
    reporter: capture.reporter.name,
    customer: capture.customer ?? null,
    tags: capture.tags.join('; '),
    pageTitle: capture.page.title,
    url: capture.page.url,
    route: capture.routeKey,
    comment: capture.comment,
    quote: capture.quote ?? null,
    element: capture.elementKey,
    flow: capture.flow?.name ?? null,
    step: capture.flow?.step ?? null,
    commentsCount: comments.length,
    notes: comments.map((note) => `${note.author.name}: ${note.body}`).join('\n'),
    duplicates: capture.counts.duplicates,
    dashboardUrl: dashboardLink(origin, capture.id),
  };
  return csvRecord(EXPORT_CSV_COLUMNS.map((column) => cells[column]));
}

/** One element of the JSON export's array: the capture as the feed serves it, plus its comments. */
export function jsonCaptureRecord({ capture, comments }: ExportedCapture): string {
  return JSON.stringify({ ...capture, comments });
}

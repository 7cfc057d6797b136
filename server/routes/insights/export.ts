import { Hono } from 'hono';
import { exportQuery, type ParsedExportQuery } from '#shared/insights';
import type { FeedFilter } from '#shared/review';
import { allow } from '../../auth/allow';
import type { AppEnv, Auth } from '../../env';
import { validateQuery } from '../../http/validate';
import { UTF8_BOM } from '../../reports/csv';
import { csvCaptureRecord, csvHeader, type ExportedCapture, jsonCaptureRecord } from '../../reports/export-rows';
import type { Store } from '../../store/store';
import type { ApiDeps } from '../api-deps';
import { auditActor, callerOf, viewerOf } from '../../auth/caller';
import { auditedQuery, originOf } from './request-info';

/** Captures read from the store per page: big enough to be quick, small enough to stream. */
const EXPORT_PAGE_SIZE = 200;

interface ExportJob {
  store: Store;
  auth: Auth;
  filter: FeedFilter;
  sort: ParsedExportQuery['sort'];
  format: ParsedExportQuery['format'];
  origin: string;
  /** The query string, for the audit log. */
  query: string;
}

/**
 * Every matching capture, read a page at a time as the client takes them (pull), so an export
 * of the whole workspace never sits in memory. Recorded in the audit log when it ends, with how
 * many rows left the server (also when the client stopped early).
 */
function exportStream(job: ExportJob): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const viewer = viewerOf(job.auth);
  let cursor: string | undefined;
  let started = false;
  let rows = 0;
  let recorded = false;

  const record = async (complete: boolean) => {
    if (recorded) return;
    recorded = true;
    await job.store.audit.record({
      action: 'export.created',
      actor: auditActor(job.auth.user),
      details: { format: job.format, rows, filter: job.query, ...(complete ? {} : { complete: false }) },
    });
  };

  const nextPage = async (): Promise<{ items: ExportedCapture[]; last: boolean }> => {
    const result = await job.store.review.listFeed({ ...job.filter, sort: job.sort, cursor, limit: EXPORT_PAGE_SIZE }, viewer);
    // Cursors are made by the store itself a page earlier, so a refusal here is a bug.
    if (!result.ok) throw new Error(`export paging failed: ${result.message}`);
    const comments = await job.store.insights.commentsOf(result.page.items.map((item) => item.id));
    cursor = result.page.nextCursor ?? undefined;
    return {
      items: result.page.items.map((capture) => ({ capture, comments: comments.get(capture.id) ?? [] })),
      last: result.page.nextCursor === null,
    };
  };

  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        let text = '';
        if (!started) {
          started = true;
          text += job.format === 'csv' ? `${UTF8_BOM}${csvHeader()}` : '[';
        }
        const page = await nextPage();
        // The client may have gone while the page was read: nothing more to send or count.
        if (cancelled) return;
        for (const [index, item] of page.items.entries()) {
          if (job.format === 'csv') text += csvCaptureRecord(item, job.origin);
          else text += `${rows + index === 0 ? '\n' : ',\n'}${jsonCaptureRecord(item)}`;
        }
        if (page.last && job.format === 'json') text += rows + page.items.length === 0 ? ']' : '\n]';
        controller.enqueue(encoder.encode(text));
        rows += page.items.length;
        if (page.last) {
          await record(true);
          controller.close();
        }
      } catch (error) {
        if (cancelled) return;
        console.error('export failed:', error);
        controller.error(error);
      }
    },
    async cancel() {
      cancelled = true;
      await record(false);
    },
  });
}

/** GET /export/captures: every capture the feed filter matches, as a CSV or JSON attachment. */
export function exportRoutes(deps: ApiDeps) {
  return new Hono<AppEnv>().get('/captures', allow('export:create'), validateQuery(exportQuery), (c) => {
    const { sort, format, ...filter } = c.req.valid('query');
    const day = deps.now().toISOString().slice(0, 10);
    const body = exportStream({
      store: deps.store,
      auth: callerOf(c),
      filter,
      sort,
      format,
      origin: originOf(c),
      query: auditedQuery(c),
    });
    return c.body(body, 200, {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="snag-captures-${day}.${format}"`,
    });
  });
}

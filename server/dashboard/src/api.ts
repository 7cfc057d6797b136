import { peopleList, type UserSummary } from '#shared/account';
import { screenshotContentType } from '#shared/capture';
import {
  bulkTriageResult,
  captureComment,
  captureDetail,
  captureHistory,
  commentList,
  feedPage,
  reviewedCapture,
  savedView,
  savedViewList,
  type BulkTriageResult,
  type CaptureComment,
  type CaptureDetail,
  type FeedPage,
  type HistoryEvent,
  type ReviewedCapture,
  type SavedView,
  type SavedViewInput,
  type TriageInput,
} from '#shared/review';
import { ApiError, type Http } from './ui/http';
import { filtersQuery, type FeedFilters } from './ui/route';

export { ApiError, describeError, isAbort } from './ui/http';

/** A triage change: only the fields given change; null clears priority or assignee. */
export type TriageChange = TriageInput;

/**
 * The review API (issue #5) for the dashboard, on top of the session's transport. Every answer is
 * parsed with the shared schemas, so what renders is what the contract promises.
 */
export interface ApiClient {
  feed(filters: FeedFilters, cursor: string | null, signal?: AbortSignal): Promise<FeedPage>;
  capture(id: string, signal?: AbortSignal): Promise<CaptureDetail>;
  triage(id: string, change: TriageChange): Promise<ReviewedCapture>;
  bulkTriage(ids: readonly string[], change: TriageChange): Promise<BulkTriageResult>;
  merge(targetId: string, duplicateIds: readonly string[]): Promise<CaptureDetail>;
  unmerge(id: string): Promise<ReviewedCapture>;
  comments(id: string, signal?: AbortSignal): Promise<CaptureComment[]>;
  addComment(id: string, body: string): Promise<CaptureComment>;
  history(id: string, signal?: AbortSignal): Promise<HistoryEvent[]>;
  views(signal?: AbortSignal): Promise<SavedView[]>;
  saveView(input: SavedViewInput): Promise<SavedView>;
  deleteView(id: string): Promise<void>;
  /** Active members, for the assignee pickers and the reporter filter. */
  people(signal?: AbortSignal): Promise<UserSummary[]>;
  /** The screenshot's bytes (fetched with the session, then shown through an object URL). */
  screenshot(id: string, signal?: AbortSignal): Promise<Blob>;
  deleteCapture(id: string): Promise<void>;
}

const captureUrl = (id: string) => `/captures/${encodeURIComponent(id)}`;

export function createApiClient(http: Http): ApiClient {
  return {
    feed(filters, cursor, signal) {
      const params = new URLSearchParams(filtersQuery(filters));
      if (cursor !== null) params.set('cursor', cursor);
      const query = params.toString();
      return http.get(`/captures${query ? `?${query}` : ''}`, feedPage, { signal });
    },
    capture: (id, signal) => http.get(captureUrl(id), captureDetail, { signal }),
    triage: (id, change) => http.send('PATCH', `${captureUrl(id)}/triage`, change, reviewedCapture),
    bulkTriage: (ids, change) =>
      http.send('POST', '/captures/bulk-triage', { ids, ...change }, bulkTriageResult),
    merge: (targetId, duplicateIds) =>
      http.send('POST', '/captures/merge', { targetId, duplicateIds }, captureDetail),
    unmerge: (id) => http.send('POST', `${captureUrl(id)}/unmerge`, undefined, reviewedCapture),
    comments: async (id, signal) => (await http.get(`${captureUrl(id)}/comments`, commentList, { signal })).comments,
    addComment: (id, body) => http.send('POST', `${captureUrl(id)}/comments`, { body }, captureComment),
    history: async (id, signal) => (await http.get(`${captureUrl(id)}/history`, captureHistory, { signal })).events,
    views: async (signal) => (await http.get('/views', savedViewList, { signal })).views,
    saveView: (input) => http.send('POST', '/views', input, savedView),
    deleteView: (id) => http.sendNoContent('DELETE', `/views/${encodeURIComponent(id)}`),
    people: async (signal) => (await http.get('/people', peopleList, { signal })).people,

    async screenshot(id, signal) {
      // Screenshots never change once uploaded, so the HTTP cache may keep them.
      const response = await http.fetchOk(`${captureUrl(id)}/screenshot`, {
        signal,
        accept: 'image/webp,image/png,image/jpeg',
        cache: 'default',
      });
      const blob = await response.blob();
      // Blob URLs live in our origin: only ever wrap the bytes as one of the allowed image types,
      // so an upload that is really HTML or SVG can never be opened as a document here.
      const type = screenshotContentType.safeParse(blob.type.split(';')[0]?.trim().toLowerCase());
      if (!type.success) {
        throw new ApiError('protocol', `the screenshot has an unexpected type (${blob.type || 'none'})`);
      }
      return new Blob([blob], { type: type.data });
    },

    deleteCapture: (id) => http.sendNoContent('DELETE', captureUrl(id)),
  };
}


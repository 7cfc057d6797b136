import { feedPage, savedView, savedViewList, type FeedPage, type SavedView, type SavedViewInput } from '#shared/review';
import type { CaptureApi } from '../ui/capture-api';
import type { Http } from '../ui/http';
import { filtersQuery, type FeedFilters } from '../ui/route';
import type { TriageApi } from '../ui/triage/api';

/** The feed's pages and the saved views over it. */
export interface FeedApi {
  feed(filters: FeedFilters, cursor: string | null, signal?: AbortSignal): Promise<FeedPage>;
  views(signal?: AbortSignal): Promise<SavedView[]>;
  saveView(input: SavedViewInput): Promise<SavedView>;
  deleteView(id: string): Promise<void>;
}

/** Everything the feed page calls. */
export type FeedPageApi = FeedApi & CaptureApi & TriageApi;

export function createFeedApi(http: Http): FeedApi {
  return {
    feed(filters, cursor, signal) {
      const params = new URLSearchParams(filtersQuery(filters));
      if (cursor !== null) params.set('cursor', cursor);
      const query = params.toString();
      return http.get(`/captures${query ? `?${query}` : ''}`, feedPage, { signal });
    },
    views: async (signal) => (await http.get('/views', savedViewList, { signal })).views,
    saveView: (input) => http.send('POST', '/views', input, savedView),
    deleteView: (id) => http.sendNoContent('DELETE', `/views/${encodeURIComponent(id)}`),
  };
}

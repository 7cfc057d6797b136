import { captureHistory, commentList, type CaptureComment, type HistoryEvent } from '#shared/review';
import { captureUrl, type CaptureApi } from '../ui/capture-api';
import type { Http } from '../ui/http';
import type { TriageApi } from '../ui/triage/api';

/** The capture detail's own calls: its discussion, its history, deleting it. */
export interface DetailApi {
  comments(id: string, signal?: AbortSignal): Promise<CaptureComment[]>;
  history(id: string, signal?: AbortSignal): Promise<HistoryEvent[]>;
  deleteCapture(id: string): Promise<void>;
}

/** Everything the capture detail calls. */
export type DetailPageApi = DetailApi & CaptureApi & TriageApi;

export function createDetailApi(http: Http): DetailApi {
  return {
    comments: async (id, signal) => (await http.get(`${captureUrl(id)}/comments`, commentList, { signal })).comments,
    history: async (id, signal) => (await http.get(`${captureUrl(id)}/history`, captureHistory, { signal })).events,
    deleteCapture: (id) => http.sendNoContent('DELETE', captureUrl(id)),
  };
}

import {
  bulkTriageResult,
  captureDetail,
  reviewedCapture,
  type BulkTriageResult,
  type CaptureDetail,
  type ReviewedCapture,
  type TriageInput,
} from '#shared/review';
import { captureUrl } from '../capture-api';
import type { Http } from '../http';

/** A triage change: only the fields given change; null clears priority or assignee. */
export type TriageChange = TriageInput;

/** Triage, merge and unmerge, from the feed's rows and bulk bar and from the capture detail. */
export interface TriageApi {
  triage(id: string, change: TriageChange): Promise<ReviewedCapture>;
  bulkTriage(ids: readonly string[], change: TriageChange): Promise<BulkTriageResult>;
  merge(targetId: string, duplicateIds: readonly string[]): Promise<CaptureDetail>;
  unmerge(id: string): Promise<ReviewedCapture>;
}

export function createTriageApi(http: Http): TriageApi {
  return {
    triage: (id, change) => http.send('PATCH', `${captureUrl(id)}/triage`, change, reviewedCapture),
    bulkTriage: (ids, change) =>
      http.send('POST', '/captures/bulk-triage', { ids, ...change }, bulkTriageResult),
    merge: (targetId, duplicateIds) =>
      http.send('POST', '/captures/merge', { targetId, duplicateIds }, captureDetail),
    unmerge: (id) => http.send('POST', `${captureUrl(id)}/unmerge`, undefined, reviewedCapture),
  };
}

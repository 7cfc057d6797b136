import { createDetailApi, type DetailApi } from '../detail/api';
import { createFeedApi, type FeedApi } from '../feed/api';
import { createCaptureApi, type CaptureApi } from '../ui/capture-api';
import type { Http } from '../ui/http';
import { createTriageApi, type TriageApi } from '../ui/triage/api';

/** The review API (issue #5) for the feed and the capture detail, built from each area's module. */
export type ApiClient = FeedApi & DetailApi & CaptureApi & TriageApi;

export function createApiClient(http: Http): ApiClient {
  return { ...createFeedApi(http), ...createDetailApi(http), ...createCaptureApi(http), ...createTriageApi(http) };
}

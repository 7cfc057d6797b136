import { peopleList, type UserSummary } from '#shared/account';
import { screenshotContentType } from '#shared/capture';
import { captureComment, captureDetail, type CaptureComment, type CaptureDetail } from '#shared/review';
import { ApiError, type Http } from './http';

/**
 * The review API's reads and writes that both the feed and the capture detail use, on the
 * session's transport. Every answer is parsed with the shared schemas, so what renders is what
 * the contract promises.
 */
export interface CaptureApi {
  capture(id: string, signal?: AbortSignal): Promise<CaptureDetail>;
  addComment(id: string, body: string): Promise<CaptureComment>;
  /** Active members, for the assignee pickers and the reporter filter. */
  people(signal?: AbortSignal): Promise<UserSummary[]>;
  /** The screenshot's bytes (fetched with the session, then shown through an object URL). */
  screenshot(id: string, signal?: AbortSignal): Promise<Blob>;
}

export const captureUrl = (id: string) => `/captures/${encodeURIComponent(id)}`;

export function createCaptureApi(http: Http): CaptureApi {
  return {
    capture: (id, signal) => http.get(captureUrl(id), captureDetail, { signal }),
    addComment: (id, body) => http.send('POST', `${captureUrl(id)}/comments`, { body }, captureComment),
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
  };
}

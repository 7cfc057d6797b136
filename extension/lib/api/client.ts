import type { z } from 'zod';
import { API_PREFIX, apiError, health, me, type Health, type Me } from '#shared/api';
import type { ParsedCaptureInput, ScreenshotContentType } from '#shared/capture';
import type { OutboxProblem } from '../outbox/model';
import { requestTimeoutMs } from './retry-policy';

/** `fetch`, or anything that answers like it (a Hono app's `request` in tests). */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface ApiProblem extends OutboxProblem {
  /** How long the server asked us to wait (Retry-After), in ms. */
  retryAfterMs?: number;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; problem: ApiProblem };

export interface ApiClientOptions {
  fetch: FetchLike;
  /** Normalized base URL, without trailing slash (see `normalizeServerUrl`). */
  serverUrl: string;
  token: string;
  now?: () => number;
  /**
   * A signal that aborts after `ms`: `AbortSignal.timeout`, or a fake clock's in tests. Each request
   * gets `requestTimeoutMs(its body size)`, so a large screenshot on a slow link is not cut short.
   */
  timeout?: (ms: number) => AbortSignal;
}

export const TOKEN_REJECTED = 'The server rejected the token: paste a valid one';
export const TOKEN_REVOKED = 'Snag’s access was revoked — connect the extension again in Options';
export const ACCOUNT_DEACTIVATED = 'Your Snag account was deactivated — ask an admin of your team to reactivate it';
export const NOT_SNAG = 'That address answers, but it is not a Snag server';

// Answers that may well be different next time; any other 4xx will come back the same however
// often the request is repeated (401 and 403 are about the token, see `describeFailure`).
const transientStatuses = new Set([404, 408, 425, 429]);

const isTimeout = (error: unknown) =>
  typeof error === 'object' && error !== null && 'name' in error && error.name === 'TimeoutError';

/** Talks to one Snag server. Every call answers a value; the problem's `reason` is for people. */
export function createApiClient(options: ApiClientOptions) {
  const { serverUrl, token, now = Date.now, timeout = (ms: number) => AbortSignal.timeout(ms) } = options;
  const base = `${serverUrl}/`;
  const url = (path: string) => new URL(path.replace(/^\//, ''), base).href;
  const auth = { authorization: `Bearer ${token}` };

  async function request(path: string, init: RequestInit, bodyBytes = 0): Promise<ApiResult<Response>> {
    try {
      return { ok: true, value: await options.fetch(url(path), { ...init, signal: timeout(requestTimeoutMs(bodyBytes)) }) };
    } catch (error) {
      return {
        ok: false,
        problem: {
          kind: 'unreachable',
          reason: isTimeout(error)
            ? `${serverUrl} did not answer in time: is the server running and the URL right?`
            : `Can't reach ${serverUrl}: is the server running and the URL right?`,
        },
      };
    }
  }

  async function parseBody<T extends z.ZodType>(response: Response, schema: T): Promise<ApiResult<z.output<T>>> {
    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    if (parsed.success) return { ok: true, value: parsed.data };
    return { ok: false, problem: { kind: 'server', status: response.status, reason: NOT_SNAG } };
  }

  const failure = async (response: Response): Promise<{ ok: false; problem: ApiProblem }> => ({
    ok: false,
    problem: await describeFailure(response, now()),
  });

  return {
    /** GET /healthz: unauthenticated; tells a Snag server apart from anything else. */
    async health(): Promise<ApiResult<Health>> {
      const answer = await request('/healthz', { method: 'GET' });
      if (!answer.ok) return answer;
      if (!answer.value.ok) {
        return { ok: false, problem: { kind: 'server', status: answer.value.status, reason: NOT_SNAG } };
      }
      return parseBody(answer.value, health);
    },

    /** GET /api/v1/me: whom the token belongs to. */
    async me(): Promise<ApiResult<Me>> {
      const answer = await request(`${API_PREFIX}/me`, { method: 'GET', headers: auth });
      if (!answer.ok) return answer;
      if (!answer.value.ok) return failure(answer.value);
      return parseBody(answer.value, me);
    },

    /** POST the record. 201 = created, 200 = the server already had it (a retry). */
    async createCapture(input: ParsedCaptureInput): Promise<ApiResult<{ created: boolean }>> {
      const body = new TextEncoder().encode(JSON.stringify(input));
      const answer = await request(
        `${API_PREFIX}/captures`,
        { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body },
        body.byteLength,
      );
      if (!answer.ok) return answer;
      const { status } = answer.value;
      if (status === 201 || status === 200) return { ok: true, value: { created: status === 201 } };
      if (answer.value.ok) {
        return { ok: false, problem: { kind: 'server', status, reason: `Unexpected answer from the server (HTTP ${status})` } };
      }
      return failure(answer.value);
    },

    /**
     * PUT the screenshot of a capture the server already has. A plain body, not a stream: streamed
     * uploads (`duplex: 'half'`) need HTTP/2 in Chrome and don't exist in Firefox, and would lose the
     * Content-Length the server uses to refuse an oversized image up front.
     */
    async uploadScreenshot(id: string, bytes: ArrayBuffer, contentType: ScreenshotContentType): Promise<ApiResult<null>> {
      const answer = await request(
        `${API_PREFIX}/captures/${encodeURIComponent(id)}/screenshot`,
        { method: 'PUT', headers: { ...auth, 'content-type': contentType }, body: bytes },
        bytes.byteLength,
      );
      if (!answer.ok) return answer;
      return answer.value.ok ? { ok: true, value: null } : failure(answer.value);
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** Classify an error answer: will it go away by itself (retry), with a new token, or never? */
export async function describeFailure(response: Response, now: number): Promise<ApiProblem> {
  const { status } = response;
  const body = apiError.safeParse(await response.json().catch(() => undefined));
  const message = body.success ? body.data.error.message : undefined;
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now);
  const withRetry = retryAfterMs === undefined ? {} : { retryAfterMs };

  if (status === 401) return { kind: 'token', status, reason: unauthorizedReason(message) };
  if (status === 403) {
    return {
      kind: 'token',
      status,
      reason: `The server refused this with your token (HTTP 403${message ? `: ${message}` : ''}): check the token in Snag's options`,
    };
  }
  if (status === 429) {
    return { kind: 'rate-limited', status, reason: 'The server is busy (too many requests); Snag will try again', ...withRetry };
  }
  if (status === 404) {
    return { kind: 'server', status, reason: "The server doesn't know this address (HTTP 404): check the Server URL" };
  }
  if (status >= 400 && status < 500 && !transientStatuses.has(status)) {
    return { kind: 'rejected', status, reason: message ?? `The server refused this capture (HTTP ${status})` };
  }
  return {
    kind: 'server',
    status,
    reason: `The server had a problem (HTTP ${status}${message ? `: ${message}` : ''}); Snag will try again`,
    ...withRetry,
  };
}

/** The server says why it refused the token (revoked, account deactivated); say it plainly. */
function unauthorizedReason(message: string | undefined): string {
  if (message !== undefined && /deactivated/i.test(message)) return ACCOUNT_DEACTIVATED;
  if (message !== undefined && /revoked/i.test(message)) return TOKEN_REVOKED;
  return TOKEN_REJECTED;
}

/** Retry-After is either delay-seconds or an HTTP date. Answers ms from `now`, or undefined. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date names its day and month; Date.parse would also take things like "-3".
  if (!/^[a-z]{3}, /i.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

import type { z } from 'zod';
import { API_PREFIX, apiError, health, me, type Health, type Me } from '#shared/api';
import type { ParsedCaptureInput, ScreenshotContentType } from '#shared/capture';
import type { OutboxProblem } from './db';

/** `fetch`, or anything that answers like it (a Hono app's `request` in tests). */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface ApiProblem extends OutboxProblem {
  status?: number;
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
  /** Per request; screenshot uploads get four times as long. */
  timeoutMs?: number;
}

export const TOKEN_REJECTED = 'The server rejected the token: paste a valid one';
export const NOT_SNAG = 'That address answers, but it is not a Snag server';

// 4xx answers that will come back the same however often the request is repeated.
const permanentStatuses = new Set([400, 409, 413, 415, 422]);

/** Talks to one Snag server. Every call answers a value; the problem's `reason` is for people. */
export function createApiClient(options: ApiClientOptions) {
  const { serverUrl, token, now = Date.now, timeoutMs = 30_000 } = options;
  const base = `${serverUrl}/`;
  const url = (path: string) => new URL(path.replace(/^\//, ''), base).href;
  const auth = { authorization: `Bearer ${token}` };

  async function request(path: string, init: RequestInit, timeout = timeoutMs): Promise<ApiResult<Response>> {
    try {
      return { ok: true, value: await options.fetch(url(path), { ...init, signal: AbortSignal.timeout(timeout) }) };
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      return {
        ok: false,
        problem: {
          kind: 'unreachable',
          reason: timedOut
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
      const answer = await request(`${API_PREFIX}/captures`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      if (!answer.ok) return answer;
      const { status } = answer.value;
      if (status === 201 || status === 200) return { ok: true, value: { created: status === 201 } };
      if (answer.value.ok) {
        return { ok: false, problem: { kind: 'server', status, reason: `Unexpected answer from the server (HTTP ${status})` } };
      }
      return failure(answer.value);
    },

    /** PUT the screenshot of a capture the server already has. */
    async uploadScreenshot(id: string, bytes: ArrayBuffer, contentType: ScreenshotContentType): Promise<ApiResult<null>> {
      const answer = await request(
        `${API_PREFIX}/captures/${encodeURIComponent(id)}/screenshot`,
        { method: 'PUT', headers: { ...auth, 'content-type': contentType }, body: bytes },
        timeoutMs * 4,
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

  if (status === 401) return { kind: 'token', status, reason: TOKEN_REJECTED };
  if (status === 403) {
    return { kind: 'token', status, reason: `The token is not allowed to do this${message ? `: ${message}` : ''}` };
  }
  if (status === 429) {
    return { kind: 'rate-limited', status, reason: 'The server is busy (too many requests); Snag will try again', ...withRetry };
  }
  if (permanentStatuses.has(status)) {
    return { kind: 'rejected', status, reason: message ?? `The server refused this capture (HTTP ${status})` };
  }
  if (status === 404) {
    return { kind: 'server', status, reason: "The server doesn't know this address (HTTP 404): check the Server URL" };
  }
  return {
    kind: 'server',
    status,
    reason: `The server had a problem (HTTP ${status}${message ? `: ${message}` : ''}); Snag will try again`,
    ...withRetry,
  };
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

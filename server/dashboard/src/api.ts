import type { z } from 'zod';
import { API_PREFIX, apiError, feedPage, me, type FeedPage, type Me } from '#shared/api';
import { capture, screenshotContentType, type Capture } from '#shared/capture';
import type { FeedFilters } from './route';

/**
 * A small fetch wrapper for the Snag API. Every JSON body is parsed with the shared zod schemas
 * (the wire format), so a response that does not match the contract fails loudly here instead
 * of rendering half a capture.
 */

export type ApiFailure =
  /** 401: the token is wrong, revoked or missing. */
  | 'unauthorized'
  /** Any other non-2xx status (the body's `error.code` is in `code`). */
  | 'http'
  /** The request never got an answer (offline, server down, CORS/CSP). */
  | 'network'
  /** The server answered 2xx with something that is not what the contract says. */
  | 'protocol';

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly failure: ApiFailure,
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
  }
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** A sentence for people, whatever went wrong. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    switch (error.failure) {
      case 'unauthorized':
        return 'The server rejected this token';
      case 'network':
        return 'Could not reach the Snag server. Check your connection and try again.';
      case 'protocol':
        return 'The server sent a response this dashboard does not understand. Try reloading the page.';
      case 'http':
        if (error.status === 404) return 'Not found.';
        return error.message;
    }
  }
  return 'Something went wrong. Try again.';
}

export interface ApiClient {
  me(signal?: AbortSignal): Promise<Me>;
  feed(filters: FeedFilters, cursor: string | null, signal?: AbortSignal): Promise<FeedPage>;
  capture(id: string, signal?: AbortSignal): Promise<Capture>;
  /** The screenshot's bytes (they need the Authorization header, so no plain <img src>). */
  screenshot(id: string, signal?: AbortSignal): Promise<Blob>;
}

export interface ApiClientOptions {
  token: string;
  /** Called on every 401, e.g. to sign out when a token is revoked mid-session. */
  onUnauthorized?: () => void;
  fetch?: typeof fetch;
}

export function createApiClient({ token, onUnauthorized, fetch: fetchImpl = fetch }: ApiClientOptions): ApiClient {
  async function request(
    path: string,
    signal: AbortSignal | undefined,
    accept: string,
    cache: RequestCache,
  ): Promise<Response> {
    let response: Response;
    try {
      response = await fetchImpl(`${API_PREFIX}${path}`, {
        headers: { Authorization: `Bearer ${token}`, Accept: accept },
        signal,
        cache,
      });
    } catch (error) {
      if (isAbort(error)) throw error;
      throw new ApiError('network', 'network error');
    }
    if (response.ok) return response;

    const body: unknown = await response.json().catch(() => null);
    const parsed = apiError.safeParse(body);
    const message = parsed.success ? parsed.data.error.message : `HTTP ${response.status}`;
    const code = parsed.success ? parsed.data.error.code : undefined;
    if (response.status === 401) {
      onUnauthorized?.();
      throw new ApiError('unauthorized', message, 401, code);
    }
    throw new ApiError('http', message, response.status, code);
  }

  async function getJson<T>(path: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
    // The feed changes all the time: always ask the server.
    const response = await request(path, signal, 'application/json', 'no-store');
    const body: unknown = await response.json().catch(() => undefined);
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
      console.error(`Unexpected response from ${API_PREFIX}${path}: ${issues.join('; ')}`);
      throw new ApiError('protocol', `unexpected response from ${path}`, response.status);
    }
    return parsed.data;
  }

  return {
    me: (signal) => getJson('/me', me, signal),

    feed(filters, cursor, signal) {
      const params = new URLSearchParams();
      if (filters.kind) params.set('kind', filters.kind);
      if (filters.tag) params.set('tag', filters.tag);
      if (filters.limit !== undefined) params.set('limit', String(filters.limit));
      if (cursor) params.set('cursor', cursor);
      const query = params.toString();
      return getJson(`/captures${query ? `?${query}` : ''}`, feedPage, signal);
    },

    capture: (id, signal) => getJson(`/captures/${encodeURIComponent(id)}`, capture, signal),

    async screenshot(id, signal) {
      // Screenshots never change once uploaded, so the HTTP cache may keep them.
      const path = `/captures/${encodeURIComponent(id)}/screenshot`;
      const response = await request(path, signal, 'image/webp,image/png,image/jpeg', 'default');
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

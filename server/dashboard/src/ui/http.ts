import type { z } from 'zod';
import { API_PREFIX, apiError } from '#shared/api';

/**
 * The one way the dashboard talks to the server. Requests ride the session cookie (HttpOnly, so
 * no script here can read it); state-changing requests also carry the session's CSRF token in
 * `X-CSRF-Token`, which a cross-site form cannot. Every JSON body is parsed with the shared zod
 * schemas, so a response that breaks the contract fails here rather than rendering half a capture.
 */

export const CSRF_HEADER = 'X-CSRF-Token';

export type ApiFailure =
  /** 401: not signed in, or the session ended (signed out elsewhere, deactivated). */
  | 'unauthorized'
  /** Any other non-2xx status (the body's `error.code` is in `code`). */
  | 'http'
  /** The request never got an answer (offline, server down). */
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
    /** Field paths the server named as wrong, for showing next to the inputs. */
    readonly fields: readonly { path: string; message: string }[] = [],
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
        return 'Your session has ended. Sign in again.';
      case 'network':
        return 'Could not reach the Snag server. Check your connection and try again.';
      case 'protocol':
        return 'The server sent a response this dashboard does not understand. Try reloading the page.';
      case 'http':
        if (error.status === 404) return 'Not found.';
        if (error.status === 403) return `Not allowed: ${error.message}`;
        if (error.status === 429) return 'Too many requests. Wait a moment and try again.';
        return error.message;
    }
  }
  return 'Something went wrong. Try again.';
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Http {
  /** GET and parse. The feed changes all the time, so nothing is cached unless asked. */
  get<T>(path: string, schema: z.ZodType<T>, options?: { signal?: AbortSignal; cache?: RequestCache }): Promise<T>;
  /** A JSON body (or none) out, a JSON body parsed with `schema` back. */
  send<T>(method: Method, path: string, body: unknown, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T>;
  /** For answers without a body (204). */
  sendNoContent(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<void>;
  /** The raw successful response, e.g. a screenshot or an export file. */
  fetchOk(path: string, init?: { signal?: AbortSignal; accept?: string; cache?: RequestCache }): Promise<Response>;
}

export interface HttpOptions {
  /** The session's CSRF token (from sign-in or GET /session); null before sign-in. */
  csrfToken: () => string | null;
  /** Called on every 401, e.g. to show the sign-in page when the session ends mid-use. */
  onUnauthorized?: () => void;
  fetch?: typeof fetch;
}

export function createHttp({ csrfToken, onUnauthorized, fetch: fetchImpl = fetch }: HttpOptions): Http {
  async function request(method: Method, path: string, init: RequestInit & { accept?: string }): Promise<Response> {
    const headers = new Headers({ Accept: init.accept ?? 'application/json' });
    if (init.body !== undefined) headers.set('Content-Type', 'application/json');
    const csrf = csrfToken();
    if (method !== 'GET' && csrf !== null) headers.set(CSRF_HEADER, csrf);
    let response: Response;
    try {
      response = await fetchImpl(`${API_PREFIX}${path}`, {
        method,
        headers,
        body: init.body,
        signal: init.signal,
        cache: init.cache ?? 'no-store',
        credentials: 'same-origin',
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
    const fields = parsed.success ? (parsed.data.error.issues ?? []) : [];
    if (response.status === 401) {
      onUnauthorized?.();
      throw new ApiError('unauthorized', message, 401, code, fields);
    }
    throw new ApiError('http', message, response.status, code, fields);
  }

  async function parse<T>(path: string, response: Response, schema: z.ZodType<T>): Promise<T> {
    const body: unknown = await response.json().catch(() => undefined);
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
      console.error(`Unexpected response from ${API_PREFIX}${path}: ${issues.join('; ')}`);
      throw new ApiError('protocol', `unexpected response from ${path}`, response.status);
    }
    return parsed.data;
  }

  const json = (body: unknown) => (body === undefined ? undefined : JSON.stringify(body));

  return {
    async get(path, schema, options = {}) {
      return parse(path, await request('GET', path, options), schema);
    },
    async send(method, path, body, schema, signal) {
      return parse(path, await request(method, path, { body: json(body), signal }), schema);
    },
    async sendNoContent(method, path, body, signal) {
      await request(method, path, { body: json(body), signal });
    },
    fetchOk(path, init = {}) {
      return request('GET', path, { signal: init.signal, accept: init.accept, cache: init.cache ?? 'default' });
    },
  };
}

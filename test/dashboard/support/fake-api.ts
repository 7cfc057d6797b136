import { API_PREFIX } from '#shared/api';

/** One request the fake server saw. */
export interface SeenRequest {
  method: string;
  path: string;
  body: unknown;
  headers: Headers;
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };
type Handler = (request: SeenRequest) => Reply | Promise<Reply>;

/**
 * A stand-in for the Snag API behind the dashboard's `fetch`: routes are "METHOD /path" (the path
 * after /api/v1, query included), answered by handlers; every request is recorded.
 */
export function fakeApi(routes: Record<string, Handler | Reply>) {
  const seen: SeenRequest[] = [];
  const fetch: typeof globalThis.fetch = async (input, init = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const path = url.startsWith(API_PREFIX) ? url.slice(API_PREFIX.length) : url;
    const method = init.method ?? 'GET';
    const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    const request = { method, path, body, headers: new Headers(init.headers) };
    seen.push(request);
    const route = routes[`${method} ${path}`];
    if (route === undefined) return json(404, { error: { code: 'not_found', message: `no fake for ${method} ${path}` } });
    const reply = typeof route === 'function' ? await route(request) : route;
    return json(reply.status, reply.body, reply.headers);
  };
  return { fetch, seen, routes };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  if (status === 204 || body === undefined) return new Response(null, { status, headers });
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

export const apiError = (status: number, code: string, message: string, issues?: { path: string; message: string }[]): Reply => ({
  status,
  body: { error: issues ? { code, message, issues } : { code, message } },
});

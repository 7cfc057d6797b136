import { createServer, request as forward, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * What the proxy does to the requests a fault applies to:
 * - `none`: passes them to the server and the answer back;
 * - `500`, `429` (with Retry-After), `400`: answers that itself, never reaching the server;
 * - `hang`: never answers, until the client gives up (its timeout) or goes away;
 * - `drop-request`: closes the connection as the request arrives, before the server sees it;
 * - `drop-response`: lets the server handle the request, then closes the connection instead of
 *   answering: the server has it, the client cannot know.
 */
export const faults = ['none', '500', '429', '400', 'hang', 'drop-request', 'drop-response'] as const;
export type Fault = (typeof faults)[number];
export type FaultTarget = 'POST' | 'PUT' | 'any';

/** The message of the injected 400, so a test can tell it from a refusal by the real server. */
export const INJECTED_400 = 'injected fault: refused';

export interface FaultProxy {
  url: string;
  set(fault: Fault, on?: FaultTarget): void;
  /** Resolves as soon as a request is hanging (at once if one is). */
  somethingHangs(): Promise<void>;
  /** Resolves when the next request arrives. */
  nextRequest(): Promise<void>;
  /** Every capture request that arrived ("POST /api/v1/captures", …), in order, whatever was done to it. */
  received: string[];
  /** How often the server itself answered 201 to a POST (by capture id) and to a PUT (by capture id). */
  created: { records: Map<string, number>; screenshots: Map<string, number> };
  close(): Promise<void>;
}

const apiError = (code: string, message: string) => JSON.stringify({ error: { code, message } });

/**
 * A loopback HTTP proxy in front of a server, injecting faults into the capture uploads. `now` is
 * the client's clock, for Retry-After as an HTTP date.
 */
export async function startFaultProxy(upstream: string, now: () => number = Date.now): Promise<FaultProxy> {
  const target = new URL(upstream);
  let fault: Fault = 'none';
  let on: FaultTarget = 'any';
  let retryAfterAsDate = false;
  const hanging = new Set<ServerResponse>();
  let onHang: (() => void)[] = [];
  let onRequest: (() => void)[] = [];
  const created = { records: new Map<string, number>(), screenshots: new Map<string, number>() };
  const received: string[] = [];
  const count = (map: Map<string, number>, id: string) => map.set(id, (map.get(id) ?? 0) + 1);

  const applies = (request: IncomingMessage) =>
    (request.url ?? '').startsWith('/api/v1/captures') && (on === 'any' || request.method === on);

  function answer(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
    response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body);
  }

  /** To the server and back; `deliver: false` drops the connection once the server has answered. */
  function pass(request: IncomingMessage, response: ServerResponse, deliver: boolean) {
    const upstreamRequest = forward(
      { host: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers },
      (upstreamResponse) => {
        const chunks: Buffer[] = [];
        upstreamResponse.on('data', (chunk: Buffer) => chunks.push(chunk));
        upstreamResponse.on('end', () => {
          const body = Buffer.concat(chunks);
          if (upstreamResponse.statusCode === 201) recordCreated(request, body);
          if (!deliver) return request.socket.destroy();
          response.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers).end(body);
        });
      },
    );
    upstreamRequest.on('error', () => request.socket.destroy());
    // The client went away mid-body (its worker was killed): the server sees an interrupted upload.
    request.on('aborted', () => upstreamRequest.destroy());
    request.pipe(upstreamRequest);
  }

  function recordCreated(request: IncomingMessage, body: Buffer) {
    if (request.method === 'POST') {
      const parsed: unknown = JSON.parse(body.toString());
      if (typeof parsed === 'object' && parsed !== null && 'id' in parsed && typeof parsed.id === 'string') {
        count(created.records, parsed.id);
      }
    } else {
      const id = /^\/api\/v1\/captures\/([^/]+)\/screenshot$/.exec(request.url ?? '')?.[1];
      if (id) count(created.screenshots, id);
    }
  }

  const server: Server = createServer((request, response) => {
    const active = applies(request) ? fault : 'none';
    if ((request.url ?? '').startsWith('/api/v1/captures')) received.push(`${request.method} ${request.url}`);
    for (const resolve of onRequest) resolve();
    onRequest = [];
    switch (active) {
      case 'none':
        return pass(request, response, true);
      case 'drop-response':
        return pass(request, response, false);
      case 'drop-request':
        return request.socket.destroy();
      case 'hang':
        hanging.add(response);
        request.on('close', () => hanging.delete(response));
        for (const resolve of onHang) resolve();
        onHang = [];
        return;
      case '500':
        request.resume();
        return answer(response, 500, apiError('internal', 'injected fault: internal error'));
      case '400':
        request.resume();
        return answer(response, 400, apiError('invalid_request', INJECTED_400));
      case '429': {
        request.resume();
        // Both forms of Retry-After, in turn: seconds, and an HTTP date on the client's clock.
        retryAfterAsDate = !retryAfterAsDate;
        const retryAfter = retryAfterAsDate ? new Date(now() + 45_000).toUTCString() : '30';
        return answer(response, 429, apiError('rate_limited', 'injected fault: slow down'), { 'retry-after': retryAfter });
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the fault proxy is not listening on a port');
  const { port } = address;

  return {
    url: `http://127.0.0.1:${port}`,
    set(next, where = 'any') {
      fault = next;
      on = where;
    },
    somethingHangs: () => (hanging.size > 0 ? Promise.resolve() : new Promise<void>((resolve) => onHang.push(resolve))),
    nextRequest: () => new Promise<void>((resolve) => onRequest.push(resolve)),
    received,
    created,
    async close() {
      for (const response of hanging) response.socket?.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

import { describe, expect, it } from 'vitest';
import { createApiClient, describeFailure, NOT_SNAG, parseRetryAfter, TOKEN_REJECTED } from '@/lib/api/client';
import { requestTimeoutMs } from '@/lib/api/retry-policy';
import { apiErrorBody, fakeFetch, json, sampleInput } from '../helpers';

const NOW = Date.parse('2026-11-22T13:00:00Z');

function client(reply: Parameters<typeof fakeFetch>[0], serverUrl = 'https://snag.example.com') {
  const server = fakeFetch(reply);
  return { api: createApiClient({ fetch: server.fetch, serverUrl, token: 'snag_t', now: () => NOW }), ...server };
}

describe('requests', () => {
  it('sends the record as JSON with the token', async () => {
    const { api, requests } = client(() => json({}, 201));
    const input = sampleInput();
    await expect(api.createCapture(input)).resolves.toEqual({ ok: true, value: { created: true } });
    const [request] = requests;
    expect(request).toMatchObject({ method: 'POST', path: '/api/v1/captures' });
    expect(request?.headers.get('authorization')).toBe('Bearer snag_t');
    expect(request?.headers.get('content-type')).toBe('application/json');
    expect(request?.body).toBeInstanceOf(Uint8Array);
    expect(JSON.parse(new TextDecoder().decode(request?.body instanceof Uint8Array ? request.body : undefined))).toEqual(input);
  });

  it('gives each request a timeout that grows with its body, and reports a timeout as such', async () => {
    const asked: number[] = [];
    const timeout = (ms: number) => {
      asked.push(ms);
      return AbortSignal.abort(new DOMException('timed out', 'TimeoutError'));
    };
    const server = fakeFetch(async (_request) => {
      throw new DOMException('timed out', 'TimeoutError');
    });
    const api = createApiClient({ fetch: server.fetch, serverUrl: 'https://snag.example.com', token: 't', now: () => NOW, timeout });
    await expect(api.uploadScreenshot('abc', new ArrayBuffer(1024 * 1024), 'image/png')).resolves.toEqual({
      ok: false,
      problem: { kind: 'unreachable', reason: 'https://snag.example.com did not answer in time: is the server running and the URL right?' },
    });
    await api.health();
    expect(asked).toEqual([requestTimeoutMs(1024 * 1024), requestTimeoutMs(0)]);
  });

  it('takes 200 as "the server already had it"', async () => {
    const { api } = client(() => json({}, 200));
    await expect(api.createCapture(sampleInput())).resolves.toEqual({ ok: true, value: { created: false } });
  });

  it('PUTs the screenshot bytes with their content type', async () => {
    const { api, requests } = client(() => json({}, 201));
    const bytes = new Uint8Array([1, 2, 3]).buffer;
    await expect(api.uploadScreenshot('abc', bytes, 'image/webp')).resolves.toEqual({ ok: true, value: null });
    expect(requests[0]).toMatchObject({ method: 'PUT', path: '/api/v1/captures/abc/screenshot', body: bytes });
    expect(requests[0]?.headers.get('content-type')).toBe('image/webp');
  });

  it('keeps the path of a server that lives under one', async () => {
    const { api, requests } = client(() => json({ ok: true, service: 'snag', version: '1' }), 'https://example.com/snag');
    await api.health();
    await api.me();
    expect(requests.map((request) => request.path)).toEqual(['/snag/healthz', '/snag/api/v1/me']);
    expect(requests[0]?.headers.get('authorization')).toBeNull();
  });
});

describe('error reasons', () => {
  it('a network failure: the server cannot be reached', async () => {
    const { api } = client(() => 'network-error');
    await expect(api.createCapture(sampleInput())).resolves.toEqual({
      ok: false,
      problem: {
        kind: 'unreachable',
        reason: "Can't reach https://snag.example.com: is the server running and the URL right?",
      },
    });
  });

  it('401: the token', async () => {
    const { api } = client(() => json(apiErrorBody('unauthorized', 'missing or invalid token'), 401));
    await expect(api.me()).resolves.toMatchObject({ ok: false, problem: { kind: 'token', reason: TOKEN_REJECTED } });
  });

  it('403: the token, with the server’s reason', async () => {
    const { api } = client(() => json(apiErrorBody('forbidden', 'only the person who made this capture can attach its screenshot'), 403));
    await expect(api.uploadScreenshot('abc', new ArrayBuffer(1), 'image/png')).resolves.toMatchObject({
      ok: false,
      problem: { kind: 'token', status: 403, reason: expect.stringContaining('only the person who made this capture') },
    });
  });

  it.each([408, 425, 502, 503, 504])('%i: worth trying again', async (status) => {
    const problem = await describeFailure(new Response('', { status }), NOW);
    expect(problem).toMatchObject({ kind: 'server', status });
  });

  it.each([400, 405, 409, 410, 413, 415, 422])('%i: refused for good, with the server’s own message', async (status) => {
    const { api } = client(() => json(apiErrorBody('invalid_request', 'tags.0: a tag is at most 40 characters'), status));
    await expect(api.createCapture(sampleInput())).resolves.toEqual({
      ok: false,
      problem: { kind: 'rejected', status, reason: 'tags.0: a tag is at most 40 characters' },
    });
  });

  it('a refusal without the API error body still says something', async () => {
    const problem = await describeFailure(new Response('<h1>Too big</h1>', { status: 413 }), NOW);
    expect(problem).toEqual({ kind: 'rejected', status: 413, reason: 'The server refused this capture (HTTP 413)' });
  });

  it('5xx: a server problem, to retry', async () => {
    const { api } = client(() => json(apiErrorBody('internal', 'internal error'), 500));
    await expect(api.createCapture(sampleInput())).resolves.toMatchObject({
      ok: false,
      problem: { kind: 'server', status: 500, reason: expect.stringContaining('HTTP 500: internal error') },
    });
  });

  it('429: busy, with how long to wait', async () => {
    const { api } = client(() => json(apiErrorBody('rate_limited', 'slow down'), 429, { 'retry-after': '120' }));
    await expect(api.createCapture(sampleInput())).resolves.toMatchObject({
      ok: false,
      problem: { kind: 'rate-limited', retryAfterMs: 120_000 },
    });
  });

  it('404: probably the wrong URL', async () => {
    const problem = await describeFailure(new Response('nope', { status: 404 }), NOW);
    expect(problem).toMatchObject({ kind: 'server', reason: expect.stringContaining('check the Server URL') });
  });

  it('health: something that answers but is not Snag', async () => {
    const html = client(() => new Response('<!doctype html><title>Router</title>', { status: 200 }));
    await expect(html.api.health()).resolves.toMatchObject({ ok: false, problem: { reason: NOT_SNAG } });
    const other = client(() => json({ ok: true, service: 'something-else', version: '1' }));
    await expect(other.api.health()).resolves.toMatchObject({ ok: false, problem: { reason: NOT_SNAG } });
    const missing = client(() => new Response('not found', { status: 404 }));
    await expect(missing.api.health()).resolves.toMatchObject({ ok: false, problem: { reason: NOT_SNAG } });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('30', NOW)).toBe(30_000);
    expect(parseRetryAfter(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90_000);
    expect(parseRetryAfter(new Date(NOW - 5000).toUTCString(), NOW)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter('-3', NOW)).toBeUndefined();
  });
});

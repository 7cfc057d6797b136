import { Hono } from 'hono';
import { describe, expect, it, vi } from 'vitest';
import { apiError } from '#shared/api';
import { SCREENSHOT_MAX_BYTES } from '#shared/capture';
import { bodyLimitFor, bodyLimits } from '../../server/http/body-limit';
import { JSON_BODY_MAX_BYTES } from '../../server/http/json-body';

const limit = 1000;
const rules = [{ method: 'PUT', path: /^\/api\/big$/, maxBytes: 5000 }];

/** A route that reads its body however it likes: the limit must hold without its help. */
function appWith(handle: (text: () => Promise<string>) => Promise<Response>) {
  const handler = vi.fn(handle);
  const app = new Hono()
    .use('/api/*', bodyLimits([{ method: 'POST', path: /^\/api\/small$/, maxBytes: limit }, ...rules]))
    .post('/api/small', (c) => handler(() => c.req.text()))
    .put('/api/big', (c) => handler(() => c.req.text()))
    .get('/api/read', (c) => c.json({ ok: true }))
    .delete('/api/read', (c) => c.body(null, 204));
  return { app, handler };
}

function stream(bytes: number, chunk = 100): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) {
        controller.close();
        return;
      }
      const size = Math.min(chunk, bytes - sent);
      sent += size;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
  });
}

const streamed = (method: string, bytes: number): RequestInit & { duplex: 'half' } => ({ method, body: stream(bytes), duplex: 'half' });

async function expectTooLarge(res: Response) {
  expect(res.status).toBe(413);
  expect(apiError.parse(await res.json()).error.code).toBe('payload_too_large');
}

describe('bodyLimits', () => {
  it('refuses a declared Content-Length over the limit without running the route', async () => {
    const { app, handler } = appWith(async (text) => new Response(await text()));
    await expectTooLarge(await app.request('/api/small', { method: 'POST', headers: { 'Content-Length': String(limit + 1) }, body: 'x' }));
    expect(handler).not.toHaveBeenCalled();
  });

  it('counts a streamed body and answers 413 whatever the route made of the broken stream', async () => {
    const throwing = appWith(async (text) => new Response(await text()));
    await expectTooLarge(await throwing.app.request('/api/small', streamed('POST', limit + 1)));
    const swallowing = appWith(async (text) => {
      try {
        await text();
        return new Response('stored', { status: 201 });
      } catch {
        return Response.json({ error: { code: 'invalid_request', message: 'cut off' } }, { status: 400 });
      }
    });
    await expectTooLarge(await swallowing.app.request('/api/small', streamed('POST', 10 * limit)));
  });

  it('passes bodies within the limit through whole', async () => {
    const { app } = appWith(async (text) => new Response(String((await text()).length)));
    expect(await (await app.request('/api/small', streamed('POST', limit))).text()).toBe(String(limit));
    expect(await (await app.request('/api/big', streamed('PUT', 5000))).text()).toBe('5000');
    await expectTooLarge(await app.request('/api/big', streamed('PUT', 5001)));
  });

  it('refuses a body on GET or DELETE, and a Content-Length that is not a number', async () => {
    const { app } = appWith(async () => new Response('never'));
    for (const method of ['GET', 'DELETE']) {
      const res = await app.request('/api/read', { method, headers: { 'Content-Length': '3' } });
      expect(res.status).toBe(400);
      expect(apiError.parse(await res.json()).error.message).toMatch(new RegExp(`^${method} requests take no body`));
    }
    expect((await app.request('/api/read', { method: 'DELETE', headers: { 'Content-Length': '0' } })).status).toBe(204);
    expect((await app.request('/api/read', { method: 'GET', headers: { 'Transfer-Encoding': 'chunked' } })).status).toBe(400);
    const bogus = await app.request('/api/small', { method: 'POST', headers: { 'Content-Length': '12abc' }, body: 'x' });
    expect(bogus.status).toBe(400);
  });

  it('gives screenshots 15 MiB, other writes 512 KiB, reads nothing', () => {
    expect(bodyLimitFor('PUT', '/api/v1/captures/0190/screenshot')).toBe(SCREENSHOT_MAX_BYTES);
    expect(bodyLimitFor('POST', '/api/v1/captures/0190/screenshot')).toBe(JSON_BODY_MAX_BYTES);
    expect(bodyLimitFor('POST', '/api/v1/captures')).toBe(JSON_BODY_MAX_BYTES);
    expect(bodyLimitFor('PATCH', '/api/v1/captures/0190/triage')).toBe(JSON_BODY_MAX_BYTES);
    expect(bodyLimitFor('GET', '/api/v1/captures')).toBe(0);
    expect(bodyLimitFor('DELETE', '/api/v1/captures/0190')).toBe(0);
  });
});

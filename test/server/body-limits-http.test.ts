import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX, apiError } from '#shared/api';
import { SCREENSHOT_MAX_BYTES } from '#shared/capture';
import { JSON_BODY_MAX_BYTES } from '../../server/http/json-body';
import { serverOptions } from '../../server/http/node-server-options';
import { makeTestApp, postCapture, sampleCaptureInput, type TestApp } from './helpers';

// Real sockets against the real server: what app.request() cannot show (chunked framing,
// conflicting headers, clients that stall). Timeouts are shortened so stalls end quickly.
let t: TestApp;
let server: ReturnType<typeof serve>;
let port: number;

beforeAll(async () => {
  t = await makeTestApp();
  await new Promise<void>((resolve) => {
    server = serve(
      {
        fetch: t.app.fetch,
        hostname: '127.0.0.1',
        port: 0,
        serverOptions: serverOptions({ requestTimeoutMs: 1500, headersTimeoutMs: 1000, checkIntervalMs: 100 }),
      },
      (info: AddressInfo) => {
        port = info.port;
        resolve();
      },
    );
  });
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

interface RawResponse {
  status: number;
  headers: string;
  body: string;
}

/**
 * Writes `head` then each chunk, and reads until the server closes the connection. Write errors
 * are expected (the server may answer and hang up before the client is done) and ignored.
 * `hold: true` never ends the request, like a client that promised more than it sends.
 */
function rawRequest(head: string, chunks: readonly (string | Uint8Array)[] = [], options: { hold?: boolean } = {}) {
  return new Promise<RawResponse>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (data) => received.push(Buffer.from(data)));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const text = Buffer.concat(received).toString('latin1');
      const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
      if (match?.[1] === undefined) {
        reject(new Error(`no HTTP response before the connection closed: ${JSON.stringify(text.slice(0, 200))}`));
        return;
      }
      const split = text.indexOf('\r\n\r\n');
      resolve({ status: Number(match[1]), headers: text.slice(0, split), body: text.slice(split + 4) });
    });
    socket.on('connect', async () => {
      const write = (data: string | Uint8Array) =>
        new Promise<void>((done) => {
          if (socket.destroyed) {
            done();
            return;
          }
          socket.write(data, () => done());
        });
      await write(head);
      for (const chunk of chunks) {
        if (socket.destroyed) break;
        await write(chunk);
      }
      if (!options.hold && !socket.destroyed) socket.end();
    });
  });
}

function chunked(data: Uint8Array | string): string | Uint8Array {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  return Buffer.concat([Buffer.from(`${bytes.byteLength.toString(16)}\r\n`), bytes, Buffer.from('\r\n')]);
}
const LAST_CHUNK = '0\r\n\r\n';

function head(method: string, path: string, headers: Record<string, string>): string {
  const lines = Object.entries({ Host: `127.0.0.1:${port}`, Connection: 'close', ...headers }).map(([k, v]) => `${k}: ${v}`);
  return `${method} ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
}

async function storedCaptures(): Promise<number> {
  const page = await t.app.request(`${API_PREFIX}/captures?limit=200&includeMerged=true`, {
    headers: { Authorization: `Bearer ${t.token}` },
  });
  const body: unknown = await page.json();
  if (typeof body !== 'object' || body === null || !('items' in body) || !Array.isArray(body.items)) {
    throw new Error(`unexpected feed: ${JSON.stringify(body)}`);
  }
  return body.items.length;
}

async function screenshotFiles(): Promise<string[]> {
  const root = join(t.dataDir, 'screenshots');
  const dirs = await readdir(root);
  const files = await Promise.all(dirs.map((dir) => readdir(join(root, dir))));
  return files.flat();
}

const json = { 'Content-Type': 'application/json' };

describe('request size limits over real HTTP', () => {
  it('answers 413 to a chunked JSON body past 512 KiB and stores nothing', async () => {
    const before = await storedCaptures();
    const piece = new Uint8Array(64 * 1024).fill(0x20);
    const chunks = [chunked(`{"id":"${sampleCaptureInput().id}","comment":"`)];
    for (let sent = 0; sent <= JSON_BODY_MAX_BYTES; sent += piece.byteLength) chunks.push(chunked(piece));
    chunks.push(chunked('"}'), LAST_CHUNK);
    const res = await rawRequest(
      head('POST', `${API_PREFIX}/captures`, { ...json, Authorization: `Bearer ${t.token}`, 'Transfer-Encoding': 'chunked' }),
      chunks,
    );
    expect(res.status).toBe(413);
    expect(apiError.parse(JSON.parse(res.body)).error.code).toBe('payload_too_large');
    expect(await storedCaptures()).toBe(before);
  });

  it('answers 413 to a chunked screenshot past 15 MiB and keeps no file', async () => {
    const capture = sampleCaptureInput();
    expect((await postCapture(t, capture)).status).toBe(201);
    const piece = new Uint8Array(1024 * 1024).fill(7);
    const chunks: (string | Uint8Array)[] = [];
    for (let sent = 0; sent <= SCREENSHOT_MAX_BYTES; sent += piece.byteLength) chunks.push(chunked(piece));
    chunks.push(LAST_CHUNK);
    const res = await rawRequest(
      head('PUT', `${API_PREFIX}/captures/${capture.id}/screenshot`, {
        Authorization: `Bearer ${t.token}`,
        'Content-Type': 'image/png',
        'Transfer-Encoding': 'chunked',
      }),
      chunks,
    );
    expect(res.status).toBe(413);
    expect(await screenshotFiles()).toEqual([]);
    expect(await t.screenshots.pendingTempFiles()).toEqual([]);
  });

  it('refuses a declared Content-Length over the limit before reading the body', async () => {
    const res = await rawRequest(
      head('POST', `${API_PREFIX}/captures`, {
        ...json,
        Authorization: `Bearer ${t.token}`,
        'Content-Length': String(JSON_BODY_MAX_BYTES + 1),
      }),
    );
    expect(res.status).toBe(413);
    expect(apiError.parse(JSON.parse(res.body)).error.code).toBe('payload_too_large');
  });

  it('accepts a chunked body under the limit', async () => {
    const capture = sampleCaptureInput();
    const body = JSON.stringify(capture);
    const res = await rawRequest(
      head('POST', `${API_PREFIX}/captures`, { ...json, Authorization: `Bearer ${t.token}`, 'Transfer-Encoding': 'chunked' }),
      [chunked(body.slice(0, 100)), chunked(body.slice(100)), LAST_CHUNK],
    );
    expect(res.status).toBe(201);
  });

  it('refuses a request with both Content-Length and Transfer-Encoding (Node answers 400) and stores nothing', async () => {
    const before = await storedCaptures();
    const body = JSON.stringify(sampleCaptureInput());
    const res = await rawRequest(
      head('POST', `${API_PREFIX}/captures`, {
        ...json,
        Authorization: `Bearer ${t.token}`,
        'Content-Length': String(body.length),
        'Transfer-Encoding': 'chunked',
      }),
      [chunked(body), LAST_CHUNK],
    );
    expect(res.status).toBe(400);
    expect(await storedCaptures()).toBe(before);
  });

  it('refuses a GET or DELETE that carries a body', async () => {
    for (const method of ['GET', 'DELETE']) {
      const res = await rawRequest(
        head(method, `${API_PREFIX}/captures/${sampleCaptureInput().id}`, {
          Authorization: `Bearer ${t.token}`,
          'Content-Length': '5',
        }),
        ['hello'],
      );
      expect(res.status).toBe(400);
      expect(apiError.parse(JSON.parse(res.body)).error.message).toMatch(/take no body/);
    }
  });

  it('answers 431 to headers past 16 KiB', async () => {
    const res = await rawRequest(head('GET', '/healthz', { 'X-Padding': 'a'.repeat(20 * 1024) }));
    expect(res.status).toBe(431);
  });
});

describe('clients that stall', () => {
  it('cuts off a body shorter than its Content-Length (408) and stores nothing', async () => {
    const before = await storedCaptures();
    const body = JSON.stringify(sampleCaptureInput());
    const res = await rawRequest(
      head('POST', `${API_PREFIX}/captures`, {
        ...json,
        Authorization: `Bearer ${t.token}`,
        'Content-Length': String(body.length + 100),
      }),
      [body],
      { hold: true },
    );
    expect(res.status).toBe(408);
    expect(await storedCaptures()).toBe(before);
  });

  it('cuts off headers that never end', async () => {
    const res = await rawRequest(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1\r\n`, [], { hold: true });
    expect(res.status).toBe(408);
  });
});

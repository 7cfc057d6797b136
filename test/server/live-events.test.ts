import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LiveEvent, liveEvent } from '#shared/live';
import { effectivePermissions, type Role } from '#shared/roles';
import { createApp } from '../../server/app';
import { bootstrapAdmin } from '../../server/bootstrap';
import type { AppEnv } from '../../server/env';
import { EventBus } from '../../server/live/event-bus';
import { eventRoutes } from '../../server/routes/review/events';
import { ScreenshotStore } from '../../server/screenshots';
import { openSqliteStore } from '../../server/store/sqlite';
import type { Store, User } from '../../server/store/store';
import { generateToken, hashToken } from '../../server/auth/tokens';
import { API_PREFIX, authHeaders, createUserWithToken } from './helpers';

let dataDir: string;
let store: Store;
let events: EventBus;
let app: ReturnType<typeof createApp>;
let adminToken: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'snag-live-'));
  store = await openSqliteStore(join(dataDir, 'snag.db'));
  const bootstrap = await bootstrapAdmin(store, undefined);
  if (!bootstrap.created) throw new Error('fresh database had users');
  adminToken = bootstrap.adminToken;
  events = new EventBus();
  app = createApp({ store, screenshots: await ScreenshotStore.open(dataDir), events, version: 'test' });
});

afterEach(async () => {
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function member(role: Role, name: string): Promise<{ user: User; token: string }> {
  const token = generateToken();
  const user = await createUserWithToken(store, { name, role, tokenHash: hashToken(token), tokenName: 'test' });
  return { user, token };
}

function event(reporterId: string, captureId = '0190f0f0-0000-7000-8000-000000000001'): LiveEvent {
  return { type: 'capture.updated', captureId, reporterId, actorId: null, at: '2026-11-22T10:00:00.000Z' };
}

/** Reads the stream until `wanted` has appeared, returning everything read so far. */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, wanted: string): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  while (!text.includes(wanted)) {
    const chunk = await reader.read();
    if (chunk.done) throw new Error(`stream ended before "${wanted}"; got: ${text}`);
    text += decoder.decode(chunk.value, { stream: true });
  }
  return text;
}

/** The data lines of every `event: capture` message in the text. */
function captureEvents(text: string): LiveEvent[] {
  return text
    .split('\n\n')
    .filter((message) => message.startsWith('event: capture\n'))
    .map((message) => liveEvent.parse(JSON.parse(message.split('\n')[1]?.replace(/^data: /, '') ?? 'null')));
}

async function open(token: string) {
  const response = await app.request(`${API_PREFIX}/events`, { headers: authHeaders(token) });
  expect(response.status).toBe(200);
  expect(response.headers.get('Content-Type')).toMatch(/^text\/event-stream/);
  expect(response.headers.get('Cache-Control')).toMatch(/no-cache/);
  const body = response.body;
  if (body === null) throw new Error('no body');
  const reader = body.getReader();
  await readUntil(reader, 'retry: ');
  return reader;
}

describe('GET /api/v1/events', () => {
  it('needs a signed-in caller with feed:read', async () => {
    const response = await app.request(`${API_PREFIX}/events`);
    expect(response.status).toBe(401);
    expect(events.size).toBe(0);
  });

  it('streams every capture event to someone who may read the whole feed', async () => {
    const reader = await open(adminToken);
    expect(events.size).toBe(1);
    const someone = await member('member', 'Someone');
    events.publish(event(someone.user.id));
    const text = await readUntil(reader, 'event: capture');
    expect(captureEvents(text)).toEqual([event(someone.user.id)]);
    await reader.cancel();
  });

  it('only tells a guest about their own captures', async () => {
    const guest = await member('guest', 'Guest');
    const other = await member('member', 'Other');
    const reader = await open(guest.token);
    events.publish(event(other.user.id, '0190f0f0-0000-7000-8000-00000000000a'));
    events.publish(event(guest.user.id, '0190f0f0-0000-7000-8000-00000000000b'));
    const text = await readUntil(reader, '00000000000b');
    expect(captureEvents(text).map((e) => e.captureId)).toEqual(['0190f0f0-0000-7000-8000-00000000000b']);
    await reader.cancel();
  });

  it('unsubscribes when the reader cancels the stream', async () => {
    const first = await open(adminToken);
    const second = await open(adminToken);
    expect(events.size).toBe(2);
    await first.cancel();
    expect(events.size).toBe(1);
    await second.cancel();
    expect(events.size).toBe(0);
  });

  it('unsubscribes when the request is aborted', async () => {
    const controller = new AbortController();
    const response = await app.request(`${API_PREFIX}/events`, { headers: authHeaders(adminToken), signal: controller.signal });
    expect(response.status).toBe(200);
    expect(events.size).toBe(1);
    controller.abort();
    expect(events.size).toBe(0);
  });

  it('leaves no listener on the bus after an HTTP client disconnects', async () => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
    try {
      await new Promise<void>((resolve) => server.once('listening', () => resolve()));
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('not listening on a port');
      const { port } = address;
      const controller = new AbortController();
      const response = await fetch(`http://127.0.0.1:${port}${API_PREFIX}/events`, {
        headers: authHeaders(adminToken),
        signal: controller.signal,
      });
      const body = response.body;
      if (body === null) throw new Error('no body');
      const reader = body.getReader();
      await readUntil(reader, 'retry: ');
      expect(events.size).toBe(1);
      events.publish(event('anyone'));
      await readUntil(reader, 'event: capture');

      controller.abort();
      // The server notices the closed socket on its next turn; wait for it, however long it takes.
      while (events.size > 0) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(events.size).toBe(0);
    } finally {
      server.close();
    }
  });
});

describe('keep-alive pings', () => {
  it('sends a ": ping" comment every interval', async () => {
    const bus = new EventBus();
    const user: User = { id: 'u1', name: 'Ops', role: 'ops' };
    // The route on its own, behind a stand-in for authentication, with a short interval.
    const pinging = new Hono<AppEnv>()
      .use('*', async (c, next) => {
        c.set('auth', { user, via: 'token', scope: 'full', permissions: effectivePermissions('ops') });
        await next();
      })
      .route('/events', eventRoutes(bus, { pingIntervalMs: 10 }));
    const response = await pinging.request('/events');
    const body = response.body;
    if (body === null) throw new Error('no body');
    const reader = body.getReader();
    const text = await readUntil(reader, ': ping\n\n: ping\n\n');
    expect(text.startsWith('retry: 5000\n\n')).toBe(true);
    await reader.cancel();
    expect(bus.size).toBe(0);
  });
});

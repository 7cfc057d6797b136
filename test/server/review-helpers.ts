import { afterEach, beforeEach, expect } from 'vitest';
import { me } from '#shared/api';
import type { CaptureInput } from '#shared/capture';
import type { LiveEvent } from '#shared/live';
import { captureDetail, feedPage, type ReviewedCapture } from '#shared/review';
import type { Role } from '#shared/roles';
import { type AppType, createApp } from '../../server/app';
import { EventBus } from '../../server/live/event-bus';
import type { User } from '../../server/store/store';
import { addUser, callApi, makeTestApp, postCapture, sampleCaptureInput, type TestApp } from './helpers';

export interface Caller {
  user: User;
  token: string;
}

export interface ReviewApp {
  t: TestApp;
  /** The app under test, wired to `events` so tests can hear what it publishes. */
  app: AppType;
  events: EventBus;
  heard: LiveEvent[];
  admin: Caller;
  ops: Caller;
  member: Caller;
  guest: Caller;
  /** The time the app reads; tests set it. */
  now: Date;
  /** POSTs a capture as `who` (admin unless told); answers its id. */
  capture(overrides?: Partial<CaptureInput>, who?: Caller): Promise<string>;
  call(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, who: Caller, body?: unknown): Promise<Response>;
  /** GET /captures?query as `who`, every id on the first page (asserting 200). */
  feedIds(query: string, who?: Caller): Promise<string[]>;
  detail(id: string, who?: Caller): Promise<ReturnType<typeof captureDetail.parse>>;
}

/** An app with one caller of each role and a bus that records every live event, fresh for each test. */
export function useReviewApp(): ReviewApp {
  const world = { now: new Date('2026-11-22T12:00:00.000Z') } as ReviewApp;
  beforeEach(async () => {
    // Tests move the clock; each starts from the same moment.
    world.now = new Date('2026-11-22T12:00:00.000Z');
    const t = await makeTestApp();
    const events = new EventBus();
    world.heard = [];
    events.subscribe((event) => world.heard.push(event));
    world.t = t;
    world.events = events;
    world.app = createApp({ store: t.store, screenshots: t.screenshots, events, version: 'test', now: () => world.now });
    const role = async (name: string, userRole: Role) => addUser(t.store, name, userRole);
    world.admin = { user: await adminOf(t), token: t.token };
    world.ops = await role('Olga Ops', 'ops');
    world.member = await role('Max Member', 'member');
    world.guest = await role('Gus Guest', 'guest');
    world.capture = async (overrides = {}, who = world.admin) => {
      const input = sampleCaptureInput(overrides);
      const res = await postCapture({ app: world.app, token: who.token }, input);
      expect(res.status).toBe(201);
      return input.id;
    };
    world.call = (method, path, who, body) => callApi(world.app, method, path, { token: who.token }, body);
    world.feedIds = async (query, who = world.admin) => {
      const res = await world.call('GET', `/captures${query}`, who);
      expect(res.status, await res.clone().text()).toBe(200);
      return feedPage.parse(await res.json()).items.map((item: ReviewedCapture) => item.id);
    };
    world.detail = async (id, who = world.admin) => {
      const res = await world.call('GET', `/captures/${id}`, who);
      expect(res.status).toBe(200);
      return captureDetail.parse(await res.json());
    };
  });
  afterEach(async () => {
    await world.t.close();
  });
  return world;
}

/** The bootstrap admin, as GET /me tells it. */
export async function adminOf(t: TestApp): Promise<User> {
  const res = await callApi(t.app, 'GET', '/me', { token: t.token });
  const { user } = me.parse(await res.json());
  return { id: user.id, name: user.name, role: 'admin' };
}

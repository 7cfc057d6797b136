import type { Kysely } from 'kysely';
import { afterEach, beforeEach } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { captureInput, type CaptureInput } from '#shared/capture';
import { feedQuery, type FeedQuery, type ReviewedCapture } from '#shared/review';
import { canonicalHash } from '../../server/canonical-json';
import { KyselyStore } from '../../server/store/kysely-store';
import type { Viewer } from '../../server/store/review/store';
import type { Database } from '../../server/store/schema';
import type { Store, User } from '../../server/store/store';
import { hashToken } from '../../server/auth/tokens';
import { sampleCaptureInput } from '../server/helpers';
import { createUserWithToken } from '../server/helpers';

export interface ReviewWorld {
  store: Store;
  /** Under the Store: to delete rows as other code would, or deactivate a member. */
  db: Kysely<Database>;
  /** Admin, ops, member and guest. */
  ada: User;
  olga: User;
  max: User;
  gus: User;
  everyone: Viewer;
  /** Stores a capture (by ada unless told), answering its id. */
  create(overrides?: Partial<CaptureInput>, reporter?: User): Promise<string>;
  /** Every id the feed lists for this query string record, walking all pages. */
  walk(query?: FeedQuery, viewer?: Viewer): Promise<string[]>;
  page(query?: FeedQuery, viewer?: Viewer): Promise<ReviewedCapture[]>;
}

let counter = 0;
/** Distinct, increasing creation times, so feed orders are predictable. */
export function minutesAfter(base: string, minutes: number): string {
  return new Date(Date.parse(base) + minutes * 60_000).toISOString();
}

/** A fresh store with four people in it, before each test; closed after. */
export function useReviewWorld(open: () => Promise<Store>): ReviewWorld {
  const world = {} as ReviewWorld;
  beforeEach(async () => {
    const store = await open();
    if (!(store instanceof KyselyStore)) throw new Error('the review conformance suite reaches under a KyselyStore');
    const user = (name: string, role: User['role']) =>
      createUserWithToken(store, { name, role, tokenHash: hashToken(`${name}-${++counter}`), tokenName: 't' });
    world.store = store;
    world.db = store.db;
    world.ada = await user('Ada', 'admin');
    world.olga = await user('Olga', 'ops');
    world.max = await user('Max', 'member');
    world.gus = await user('Gus', 'guest');
    world.everyone = { userId: world.ada.id, seesAll: true };
    world.create = async (overrides = {}, reporter = world.ada) => {
      const parsed = captureInput.parse(sampleCaptureInput({ id: uuidv7(), ...overrides }));
      const result = await store.createCapture({
        input: parsed,
        inputHash: canonicalHash(parsed),
        reporter: { id: reporter.id, name: reporter.name },
        receivedAt: parsed.createdAt,
      });
      if (result.status !== 'created') throw new Error(`expected created, got ${result.status}`);
      return parsed.id;
    };
    world.walk = async (query = {}, viewer = world.everyone) => {
      const ids: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 200; pages++) {
        const result = await store.review.listFeed(feedQuery.parse({ ...query, cursor }), viewer);
        if (!result.ok) throw new Error(result.message);
        ids.push(...result.page.items.map((item) => item.id));
        if (result.page.nextCursor === null) return ids;
        cursor = result.page.nextCursor;
      }
      throw new Error('pagination did not end');
    };
    world.page = async (query = {}, viewer = world.everyone) => {
      const result = await store.review.listFeed(feedQuery.parse(query), viewer);
      if (!result.ok) throw new Error(result.message);
      return result.page.items;
    };
  });
  afterEach(async () => {
    await world.store.close();
  });
  return world;
}

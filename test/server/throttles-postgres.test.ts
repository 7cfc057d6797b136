import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pairingCreated } from '#shared/account';
import { createApp } from '../../server/app';
import { ScreenshotStore } from '../../server/screenshots';
import { openPostgresStore } from '../../server/store/postgres';
import type { Store } from '../../server/store/store';
import { addMember, callApi, fromAddress, sessionFor, type TestSession } from './helpers';

// The sign-in and pairing throttles over HTTP on PostgreSQL, where concurrent requests really run in parallel.
const connectionString = process.env.SNAG_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let store: Store;
let dataDir: string;
let schema: string;
let app: ReturnType<typeof createApp>;

beforeEach(async () => {
  schema = `snag_test_${crypto.randomUUID().replaceAll('-', '')}`;
  store = await openPostgresStore({ connectionString, schema, maxConnections: 8 });
  dataDir = await mkdtemp(join(tmpdir(), 'snag-pg-throttle-'));
  app = createApp({ store, screenshots: await ScreenshotStore.open(dataDir) });
});
afterEach(async () => {
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
  const admin = new pg.Client({ connectionString });
  await admin.connect();
  await admin.query(`drop schema if exists ${schema} cascade`);
  await admin.end();
});

describe('throttles on PostgreSQL', { timeout: 60_000 }, () => {
  it('evaluates only 10 of 40 concurrent wrong pairing codes', async () => {
    const ann = await addMember(store, { role: 'member', password: null });
    const session: TestSession = await sessionFor(store, ann.user.id);
    const results = await Promise.all(Array.from({ length: 40 }, () => callApi(app, 'POST', '/pairings/confirm', { session }, { userCode: 'BBBB-BBBB' })));
    const statuses = results.map((res) => res.status);
    expect(statuses.filter((status) => status === 404)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(30);
  });

  it('evaluates only 5 of 30 concurrent wrong passwords for one account, and starts 10 pairings per address', async () => {
    const ann = await addMember(store, { role: 'member' });
    const signIns = await Promise.all(
      Array.from({ length: 30 }, (_, i) => callApi(app, 'POST', '/session', null, { email: ann.email, password: 'wrong' }, fromAddress(`198.51.100.${i}`))),
    );
    expect(signIns.filter((res) => res.status === 401)).toHaveLength(5);
    expect(signIns.filter((res) => res.status === 429)).toHaveLength(25);

    const starts = await Promise.all(
      Array.from({ length: 25 }, () => callApi(app, 'POST', '/pairings', null, { deviceName: 'Chrome' }, fromAddress('192.0.2.77'))),
    );
    const started = starts.filter((res) => res.status === 201);
    expect(started).toHaveLength(10);
    expect(pairingCreated.safeParse(await started[0]?.json()).success).toBe(true);
  });
});

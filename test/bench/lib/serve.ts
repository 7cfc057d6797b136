/**
 * One server for a benchmark, in its own process so it does not share an event loop with the
 * load generator. Usage: node --import tsx test/bench/lib/serve.ts snag|bare
 * Prints one JSON line when listening ({ port, token }), one ({ cpuMicros }) on each SIGUSR2, and on
 * SIGTERM prints { stored } and exits.
 *
 * By default `snag` starts on a fresh SQLite database in a temp directory (deleted on exit). To
 * serve a database a bench seeded instead (kept on exit), set in the environment:
 *   SNAG_BENCH_DATA_DIR       a data directory holding snag.db, or
 *   SNAG_BENCH_DATABASE_URL   a postgres:// URL, with SNAG_BENCH_PG_SCHEMA the schema
 *   SNAG_BENCH_TOKEN          the seeded admin's token, printed as `token`
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { API_PREFIX } from '#shared/api';
import { createApp } from '../../../server/app';
import { bootstrapAdmin } from '../../../server/bootstrap';
import { ScreenshotStore } from '../../../server/screenshots';
import { openPostgresStore } from '../../../server/store/postgres';
import { openSqliteStore } from '../../../server/store/sqlite';
import type { Store } from '../../../server/store/store';

/** A benchmark measures the server, not its per-token request budget. */
const UNTHROTTLED = { requestsPerMinute: 0, anonymousRequestsPerMinute: 0 };

async function seeded(store: Store, dataDir: string) {
  const token = process.env.SNAG_BENCH_TOKEN ?? '';
  const screenshots = await ScreenshotStore.open(dataDir);
  return {
    app: createApp({ store, screenshots, version: 'bench', security: UNTHROTTLED }),
    token,
    async stop(): Promise<number> {
      await store.close();
      return 0;
    },
  };
}

async function snag() {
  const databaseUrl = process.env.SNAG_BENCH_DATABASE_URL;
  const seededDir = process.env.SNAG_BENCH_DATA_DIR;
  if (databaseUrl !== undefined) {
    const dataDir = seededDir ?? (await mkdtemp(join(tmpdir(), 'snag-bench-')));
    return seeded(await openPostgresStore({ connectionString: databaseUrl, schema: process.env.SNAG_BENCH_PG_SCHEMA }), dataDir);
  }
  if (seededDir !== undefined) return seeded(await openSqliteStore(join(seededDir, 'snag.db')), seededDir);

  const dataDir = await mkdtemp(join(tmpdir(), 'snag-bench-'));
  const file = join(dataDir, 'snag.db');
  const store = await openSqliteStore(file);
  const screenshots = await ScreenshotStore.open(dataDir);
  const bootstrap = await bootstrapAdmin(store, undefined);
  const token = bootstrap.created ? bootstrap.adminToken : '';
  return {
    app: createApp({ store, screenshots, version: 'bench', security: UNTHROTTLED }),
    token,
    async stop(): Promise<number> {
      await store.close();
      const db = new BetterSqlite3(file, { readonly: true });
      const stored = Number(db.prepare('select count(*) from captures').pluck().get());
      db.close();
      await rm(dataDir, { recursive: true, force: true });
      return stored;
    },
  };
}

function bare() {
  // The floor: same framework and adapter, a handler that does nothing with the request.
  const app = new Hono().post(`${API_PREFIX}/captures`, (c) => c.body(null, 201));
  return { app, token: 'none', stop: async () => 0 };
}

const which = process.argv[2];
if (which !== 'snag' && which !== 'bare') {
  console.error('usage: serve.ts snag|bare');
  process.exit(2);
}
const target = which === 'snag' ? await snag() : bare();
const server = serve({ fetch: target.app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
  console.log(JSON.stringify({ port: info.port, token: target.token }));
});
// The bench asks how much CPU the server has used so far: CPU per request is steadier than
// requests per second on a machine the load generator shares.
process.on('SIGUSR2', () => {
  const { user, system } = process.cpuUsage();
  console.log(JSON.stringify({ cpuMicros: user + system }));
});
process.on('SIGTERM', () => {
  server.close();
  if ('closeAllConnections' in server) server.closeAllConnections();
  void target.stop().then((stored) => {
    console.log(JSON.stringify({ stored }));
    process.exit(0);
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { z } from 'zod';
import { createApp } from './app';
import { bootstrapWorkspace } from './bootstrap';
import { loadConfig } from './config';
import { startRetention } from './data/retention';
import { drainScreenshotErasures, sweepOrphanScreenshots } from './data/screenshot-erasure';
import { serverOptions } from './http/node-server-options';
import { EventBus } from './live/event-bus';
import { ScreenshotStore } from './screenshots';
import { openPostgresStore } from './store/postgres';
import { openSqliteStore } from './store/sqlite';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

function packageVersion(): string {
  const parsed = z.object({ version: z.string() }).safeParse(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')));
  return parsed.success ? parsed.data.version : '0.0.0-dev';
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

async function main(): Promise<void> {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    console.error(loaded.message);
    process.exit(1);
  }
  const { config } = loaded;

  const dataDir = resolve(config.dataDir);
  await mkdir(dataDir, { recursive: true });
  const store =
    config.databaseUrl === undefined
      ? await openSqliteStore(join(dataDir, 'snag.db'))
      : await openPostgresStore({ connectionString: config.databaseUrl });
  const screenshots = await ScreenshotStore.open(dataDir);
  // Erasure a crash interrupted is finished before anyone can read again.
  const erased = (await drainScreenshotErasures({ store, screenshots })) + (await sweepOrphanScreenshots({ store, screenshots }));
  if (erased > 0) console.log(`Removed ${erased} screenshot file(s) of deleted captures left by an interrupted deletion or upload.`);
  const firstRun = await bootstrapWorkspace(store, { adminToken: config.adminToken });
  if (!firstRun.empty && config.adminToken !== undefined) {
    console.error('Note: ADMIN_TOKEN is ignored because this database already has users.');
  }

  // One bus for the process, so retention's deletions reach open dashboards too.
  const events = new EventBus();
  const app = createApp({
    store,
    screenshots,
    dashboardDir: join(repoRoot, 'server', 'dashboard', 'dist'),
    version: packageVersion(),
    events,
    security: config.security,
    limits: config.limits,
  });
  const retention = startRetention({ store, screenshots, events });

  const options = { fetch: app.fetch, hostname: config.host, port: config.port, serverOptions: serverOptions() };
  const server = serve(options, (info: AddressInfo) => {
    const base = `http://${urlHost(config.host)}:${info.port}`;
    console.log(`Snag server listening on ${base}`);
    console.log(`Dashboard: ${base}/`);
    if (firstRun.setupInvitePath !== null) {
      console.log(`Create the first admin account: ${base}${firstRun.setupInvitePath}`);
      console.log('  (it works once, within 24 hours)');
    }
    if (firstRun.adminTokenUser) console.log('ADMIN_TOKEN is the API token of the user "Admin".');
    for (const build of ['chrome-mv3', 'firefox-mv2']) {
      const dir = join(repoRoot, '.output', build);
      if (existsSync(dir)) console.log(`Load the extension from: ${dir}`);
    }
  });

  server.on('error', (error: NodeJS.ErrnoException) => {
    const where = `${config.host}:${config.port}`;
    const hint =
      error.code === 'EADDRINUSE'
        ? `${where} is already in use; stop the other process or set PORT to a free port (0 picks one)`
        : `cannot listen on ${where}: ${error.message}`;
    console.error(`Snag server failed to start: ${hint}`);
    void store.close().finally(() => process.exit(1));
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    retention.stop();
    console.log(`${signal} received, shutting down`);
    // Stop accepting, let in-flight requests finish, then close the database.
    server.close(() => {
      void store.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error('closing the database failed:', error);
          process.exit(1);
        },
      );
    });
    if ('closeIdleConnections' in server) server.closeIdleConnections();
    setTimeout(() => {
      console.error('requests still open after 10 s; exiting anyway');
      process.exit(1);
    }, 10_000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('Snag server failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});

/**
 * Ops review on a big workspace: 100,000 captures (test/bench/lib/seed-data.ts: ~20 sites, 90 days,
 * a dozen reporters) in SQLite, served by the real server in its own process over HTTP. Each query
 * is warmed up, then timed one request after another (no concurrency: this is latency, not
 * throughput), reporting p50 and p95 against the targets. With BENCH_POSTGRES=1 the same runs on
 * PostgreSQL too (127.0.0.1:5432/test, or SNAG_BENCH_DATABASE_URL).
 *
 * The machine is shared, so the numbers wander; the p95s say whether a target is within reach,
 * and EXPLAIN QUERY PLAN (explainQueries) says why when it is not.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { API_PREFIX } from '#shared/api';
import { migrateToLatest, snagMigrations } from '../../server/store/migrations';
import type { Database } from '../../server/store/schema';
import { openSqliteKysely } from '../../server/store/sqlite';
import { type ChildServer, startChildServer } from './lib/child-server';
import { seedWorkspace } from './lib/seed-captures';
import { quantile, verdict } from './lib/stats';

export const name = 'Ops review queries on 100,000 captures';

const CAPTURES = Number(process.env.BENCH_REVIEW_CAPTURES ?? 100_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
const POSTGRES = process.env.BENCH_POSTGRES === '1';
const POSTGRES_URL = process.env.SNAG_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Query {
  label: string;
  /** Paths to cycle through, so a search is not the same words every time. */
  paths: readonly string[];
  targetP95Ms: number;
}

const QUERIES: readonly Query[] = [
  { label: 'feed, first page', paths: ['/captures'], targetP95Ms: 50 },
  { label: 'feed, tag + status', paths: ['/captures?tag=checkout&status=new', '/captures?tag=slow&status=triaged', '/captures?tag=mobile&status=new,in_progress'], targetP95Ms: 50 },
  { label: 'feed, full-text search', paths: ['/captures?q=cookie%20banner', '/captures?q=wrong%20currency', '/captures?q=export%20tim', '/captures?q=%22blank%20page%22', '/captures?q=invoi'], targetP95Ms: 50 },
  { label: 'hot spots, 30 days', paths: ['/insights/hotspots'], targetP95Ms: 250 },
];

interface Timing {
  label: string;
  p50: number;
  p95: number;
  target: number;
  failures: number;
  /** Server CPU time per request (µs): steadier than latency on a machine others share. */
  cpuPerRequest: number;
}

async function timeQuery(server: ChildServer, query: Query): Promise<Timing> {
  const headers = { authorization: `Bearer ${server.token}` };
  const samples: number[] = [];
  let failures = 0;
  let cpuBefore = 0;
  for (let i = 0; i < WARMUP + ITERATIONS; i++) {
    if (i === WARMUP) cpuBefore = await server.cpuMicros();
    const path = query.paths[i % query.paths.length] ?? '/captures';
    const started = performance.now();
    const response = await fetch(`${server.url}${API_PREFIX}${path}`, { headers });
    await response.arrayBuffer();
    const elapsed = performance.now() - started;
    if (!response.ok) failures++;
    if (i >= WARMUP) samples.push(elapsed);
  }
  const cpuPerRequest = ((await server.cpuMicros()) - cpuBefore) / ITERATIONS;
  return { label: query.label, p50: quantile(samples, 0.5), p95: quantile(samples, 0.95), target: query.targetP95Ms, failures, cpuPerRequest };
}

async function measure(server: ChildServer): Promise<Timing[]> {
  const timings: Timing[] = [];
  for (const query of QUERIES) timings.push(await timeQuery(server, query));
  return timings;
}

function report(engine: string, seedMs: number, timings: readonly Timing[]): string[] {
  const [load1] = loadavg();
  const lines = [
    `${engine}: ${CAPTURES.toLocaleString('en-US')} captures seeded in ${(seedMs / 1000).toFixed(1)} s; ${ITERATIONS} timed requests per query after ${WARMUP} warm-up; load average ${load1?.toFixed(1)} on ${cpus().length} CPUs`,
  ];
  for (const timing of timings) {
    lines.push(
      `  ${timing.label.padEnd(24)} p50 ${timing.p50.toFixed(1).padStart(6)} ms  p95 ${timing.p95.toFixed(1).padStart(6)} ms` +
        `  server CPU ${(timing.cpuPerRequest / 1000).toFixed(1).padStart(5)} ms/req` +
        `  (target p95 ≤ ${timing.target} ms: ${verdict(timing.p95 <= timing.target)})` +
        (timing.failures > 0 ? `  WARNING: ${timing.failures} non-2xx answers` : ''),
    );
  }
  return lines;
}

async function runSqlite(): Promise<string[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'snag-bench-review-'));
  try {
    const db = openSqliteKysely(join(dataDir, 'snag.db'));
    await migrateToLatest(db);
    const seeded = await seedWorkspace(db, 'sqlite', { count: CAPTURES });
    await db.destroy();
    const server = await startChildServer('snag', { SNAG_BENCH_DATA_DIR: dataDir, SNAG_BENCH_TOKEN: seeded.adminToken });
    try {
      return report('SQLite', seeded.insertMs, await measure(server));
    } finally {
      await server.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function runPostgres(): Promise<string[]> {
  const schema = `snag_bench_${Date.now()}`;
  const pool = new pg.Pool({ connectionString: POSTGRES_URL, max: 2, options: `-c search_path=${schema}` });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await db.schema.createSchema(schema).execute();
    await migrateToLatest(db, snagMigrations, schema);
    const seeded = await seedWorkspace(db, 'postgres', { count: CAPTURES });
    // Autovacuum would gather statistics soon after a real import; do it now.
    await sql`analyze`.execute(db);
    const server = await startChildServer('snag', { SNAG_BENCH_DATABASE_URL: POSTGRES_URL, SNAG_BENCH_PG_SCHEMA: schema, SNAG_BENCH_TOKEN: seeded.adminToken });
    try {
      return report('PostgreSQL', seeded.insertMs, await measure(server));
    } finally {
      await server.stop();
    }
  } finally {
    await db.schema.dropSchema(schema).ifExists().cascade().execute();
    await db.destroy();
  }
}

export async function run(): Promise<string> {
  const lines = await runSqlite();
  if (POSTGRES) lines.push(...(await runPostgres()));
  else lines.push('PostgreSQL: skipped (set BENCH_POSTGRES=1 to run it too)');
  return lines.join('\n');
}

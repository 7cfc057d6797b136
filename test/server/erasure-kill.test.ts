import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { API_PREFIX } from '#shared/api';
import { captureInput } from '#shared/capture';
import { canonicalHash } from '../../server/canonical-json';
import { openPostgresStore } from '../../server/store/postgres';
import { openSqliteStore } from '../../server/store/sqlite';
import type { Store } from '../../server/store/store';
import { hashToken } from '../../server/auth/tokens';
import { createUserWithToken, fakePng, sampleCaptureInput } from './helpers';
import { start } from './server-process';

const DOOMED = 1000;
const TOKEN = 'erasure-test-admin-token-1234';
/** Start-up sweeps the screenshot folder and drains the journal: generous on a busy machine. */
const STARTUP_MS = 90_000;
const postgresUrl = process.env.SNAG_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Engine {
  /** The server's environment beyond DATA_DIR, and a store on the same database for seeding. */
  env: Record<string, string>;
  open: () => Promise<Store>;
  /** Captures and journal entries left in the database. */
  rows: () => Promise<{ captures: number; journal: number }>;
  dispose: () => Promise<void>;
}

async function sqliteEngine(dir: string): Promise<Engine> {
  const file = join(dir, 'snag.db');
  return {
    env: {},
    open: () => openSqliteStore(file),
    rows: async () => {
      const db = new BetterSqlite3(file, { readonly: true });
      try {
        const count = (table: string) => Number(db.prepare(`select count(*) from ${table}`).pluck().get());
        return { captures: count('captures'), journal: count('screenshot_erasures') };
      } finally {
        db.close();
      }
    },
    dispose: async () => undefined,
  };
}

async function postgresEngine(): Promise<Engine> {
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  const database = `snag_erase_${crypto.randomUUID().replaceAll('-', '')}`;
  await admin.query(`create database ${database}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${database}`;
  const connectionString = url.toString();
  return {
    env: { DATABASE_URL: connectionString },
    open: () => openPostgresStore({ connectionString }),
    rows: async () => {
      const client = new pg.Client({ connectionString });
      await client.connect();
      try {
        const count = async (table: string) => Number((await client.query(`select count(*) as n from snag.${table}`)).rows[0]?.n);
        return { captures: await count('captures'), journal: await count('screenshot_erasures') };
      } finally {
        await client.end();
      }
    },
    dispose: async () => {
      await admin.query(`drop database if exists ${database} with (force)`);
      await admin.end();
    },
  };
}

const engines: Array<[string, (dir: string) => Promise<Engine>]> = [
  ['SQLite', sqliteEngine],
  ['PostgreSQL', () => postgresEngine()],
];

describe.each(engines)('erasure through kill -9 (%s)', (_name, makeEngine) => {
  it('finishes an erasure that kill -9 interrupted at the next start, leaving no screenshot file behind', { timeout: 300_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'snag-erase-kill-'));
    const engine = await makeEngine(dir);
    const screenshotsDir = join(dir, 'screenshots');
    const countFiles = async () => {
      let count = 0;
      for (const prefix of await readdir(screenshotsDir)) count += (await readdir(join(screenshotsDir, prefix))).length;
      return count;
    };
    try {
      // Seeded in-process (fast): captures about one customer, each with its own screenshot file.
      const store = await engine.open();
      const admin = await createUserWithToken(store, { name: 'Admin', role: 'admin', tokenHash: hashToken(TOKEN) });
      const seed = async (index: number, customer: string) => {
        const bytes = fakePng(300);
        // Distinct bytes, so distinct files.
        new DataView(bytes.buffer).setUint32(8, index);
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        const path = join(screenshotsDir, sha256.slice(0, 2), sha256);
        await mkdir(join(path, '..'), { recursive: true });
        await writeFile(path, bytes);
        const input = captureInput.parse(sampleCaptureInput({ customer }));
        await store.createCapture({ input, inputHash: canonicalHash(input), reporter: admin, receivedAt: new Date().toISOString() });
        await store.attachScreenshot(input.id, { sha256, bytes: bytes.byteLength, contentType: 'image/png' });
        return input.id;
      };
      for (let from = 0; from < DOOMED; from += 100) {
        await Promise.all(Array.from({ length: 100 }, (_, offset) => seed(from + offset + 1, 'Doomed Corp')));
      }
      const kept = await seed(DOOMED + 1, 'Initech');
      await store.close();
      expect(await countFiles()).toBe(DOOMED + 1);

      const first = await start({ DATA_DIR: dir, ...engine.env }, STARTUP_MS);
      let remaining: number;
      try {
        const erasing = fetch(`${first.url}${API_PREFIX}/data/delete-by-customer`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ customer: 'doomed corp' }),
        }).catch(() => null);
        // Kill it as soon as files start to go: the rows are gone by then, most files are not.
        while ((await countFiles()) === DOOMED + 1) await new Promise((resolve) => setImmediate(resolve));
        first.child.kill('SIGKILL');
        await first.exited;
        await erasing;
        remaining = await countFiles();
      } finally {
        first.child.kill('SIGKILL');
      }
      // The kill landed mid-erasure: some files were removed, others were left behind.
      expect(remaining).toBeGreaterThan(1);
      expect(remaining).toBeLessThan(DOOMED + 1);
      // Every file left is journaled (the batch being removed when the kill fell is still journaled too).
      const left = await engine.rows();
      expect(left.captures).toBe(1);
      expect(left.journal).toBeGreaterThanOrEqual(remaining - 1);

      const second = await start({ DATA_DIR: dir, ...engine.env }, STARTUP_MS);
      try {
        expect(second.output()).toContain(`Removed ${remaining - 1} screenshot file(s) of deleted captures`);
        expect(await countFiles()).toBe(1);
        const image = await fetch(`${second.url}${API_PREFIX}/captures/${kept}/screenshot`, { headers: { Authorization: `Bearer ${TOKEN}` } });
        expect(image.status).toBe(200);
        second.child.kill('SIGTERM');
        expect(await second.exited).toBe(0);
      } finally {
        second.child.kill('SIGKILL');
      }
      expect(await engine.rows()).toEqual({ captures: 1, journal: 0 });
    } finally {
      await engine.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionInfo, tokenCreated } from '#shared/account';
import { API_PREFIX, health, me } from '#shared/api';
import { captureInput } from '#shared/capture';
import { captureDetail } from '#shared/review';
import { canonicalHash } from '../../server/canonical-json';
import { openSqliteStore } from '../../server/store/sqlite';
import { hashToken } from '../../server/tokens';
import { createUserWithToken, fakePng, sampleCaptureInput } from './helpers';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const LISTENING = /^Snag server listening on (http:\/\/\S+)$/m;
const SETUP_LINK = /^Create the first admin account: (http:\/\/\S+\/#\/invite\/([A-Za-z0-9_-]+))$/m;

/** Joins through the setup link as the first admin, then makes a full API token as a script would. */
async function firstAdminToken(url: string, inviteToken: string): Promise<string> {
  const joined = await fetch(`${url}${API_PREFIX}/invites/accept`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token: inviteToken, name: 'Ada', email: 'ada@example.com', password: 'first admin password' }),
  });
  expect(joined.status).toBe(201);
  const { csrfToken } = sessionInfo.parse(await joined.json());
  const cookie = joined.headers.getSetCookie()[0]?.split(';')[0] ?? '';
  const made = await fetch(`${url}${API_PREFIX}/tokens`, {
    method: 'POST',
    headers: { Cookie: cookie, 'X-CSRF-Token': csrfToken, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'main-process test', scope: 'full' }),
  });
  expect(made.status).toBe(201);
  return tokenCreated.parse(await made.json()).secret;
}

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

function run(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const { ADMIN_TOKEN: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: repoRoot,
    env: { ...inherited, HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

async function start(env: Record<string, string>): Promise<Running> {
  const started = run({ PORT: '0', ...env });
  const deadline = Date.now() + 20_000;
  for (;;) {
    const url = LISTENING.exec(started.output())?.[1];
    if (url !== undefined) {
      // The other startup lines are printed in the same tick; one request makes sure they have arrived.
      await fetch(`${url}/healthz`);
      return { ...started, url };
    }
    if (started.child.exitCode !== null || Date.now() > deadline) {
      started.child.kill('SIGKILL');
      throw new Error(`server did not start:\n${started.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('server/main.ts as a real process', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'snag-main-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('prints a one-time admin setup link on the first start only, and keeps an acknowledged capture through kill -9', async () => {
    const first = await start({ DATA_DIR: dataDir });
    try {
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(first.url.endsWith(':0')).toBe(false);
      expect(first.output()).toContain(`Dashboard: ${first.url}/`);
      const setup = SETUP_LINK.exec(first.output());
      expect(setup?.[1]).toMatch(new RegExp(`^${first.url}/#/invite/[A-Za-z0-9_-]{43}$`));
      const token = await firstAdminToken(first.url, setup?.[2] ?? '');

      const res = await fetch(`${first.url}/healthz`);
      expect(health.parse(await res.json()).service).toBe('snag');

      const input = sampleCaptureInput();
      const created = await fetch(`${first.url}${API_PREFIX}/captures`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      });
      expect(created.status).toBe(201);
      first.child.kill('SIGKILL');
      await first.exited;

      const second = await start({ DATA_DIR: dataDir });
      try {
        expect(second.output()).not.toMatch(/Create the first admin account/);
        const fetched = await fetch(`${second.url}${API_PREFIX}/captures/${input.id}`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        expect(fetched.status).toBe(200);
        expect(captureDetail.parse(await fetched.json()).id).toBe(input.id);

        second.child.kill('SIGTERM');
        expect(await second.exited).toBe(0);
      } finally {
        second.child.kill('SIGKILL');
      }
    } finally {
      first.child.kill('SIGKILL');
    }
  }, 60_000);

  it('stores in PostgreSQL when DATABASE_URL is set', async () => {
    const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' });
    await admin.connect();
    const database = `snag_main_${crypto.randomUUID().replaceAll('-', '')}`;
    await admin.query(`create database ${database}`);
    const token = 'postgres-test-admin-token';
    const server = await start({
      DATA_DIR: dataDir,
      ADMIN_TOKEN: token,
      DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${database}`,
    });
    try {
      const input = sampleCaptureInput();
      const created = await fetch(`${server.url}${API_PREFIX}/captures`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      });
      expect(created.status).toBe(201);
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);

      const stored = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:5432/${database}` });
      await stored.connect();
      try {
        const { rows } = await stored.query('select id from snag.captures');
        expect(rows).toEqual([{ id: input.id }]);
      } finally {
        await stored.end();
      }
    } finally {
      server.child.kill('SIGKILL');
      await server.exited;
      await admin.query(`drop database if exists ${database} with (force)`);
      await admin.end();
    }
  }, 60_000);

  it('keeps every capture it acknowledged through many kill -9s in the middle of concurrent writes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'snag-main-kill-'));
    const token = 'kill-test-admin-token-1234';
    const acknowledged: string[] = [];
    try {
      for (let cycle = 0; cycle < 6; cycle++) {
        const server = await start({ DATA_DIR: dir, ADMIN_TOKEN: token });
        try {
          // Concurrent requests share group commits; kill the server once some of this cycle's
          // have been answered, while others are in flight. Every 2xx counts, even one that
          // arrives as the kill lands.
          const killAfter = 20 + cycle * 7;
          let answered = 0;
          await Promise.allSettled(
            Array.from({ length: 150 }, () => sampleCaptureInput()).map(async (input) => {
              const res = await fetch(`${server.url}${API_PREFIX}/captures`, {
                method: 'POST',
                headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
                body: JSON.stringify(input),
              });
              if (res.ok) acknowledged.push(input.id);
              answered += 1;
              if (answered === killAfter) server.child.kill('SIGKILL');
            }),
          );
          await server.exited;
        } finally {
          server.child.kill('SIGKILL');
        }
      }
      expect(acknowledged.length).toBeGreaterThanOrEqual(6 * 20);

      const db = new BetterSqlite3(join(dir, 'snag.db'), { readonly: true });
      try {
        const stored = new Set(db.prepare('select id from captures').pluck().all());
        expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
      } finally {
        db.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('finishes an erasure that kill -9 interrupted at the next start, leaving no screenshot file behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'snag-main-erase-'));
    const token = 'erasure-test-admin-token-1234';
    const screenshotsDir = join(dir, 'screenshots');
    const countFiles = async () => {
      let count = 0;
      for (const prefix of await readdir(screenshotsDir)) count += (await readdir(join(screenshotsDir, prefix))).length;
      return count;
    };
    try {
      // Seeded in-process (fast): captures about one customer, each with its own screenshot file.
      const doomed = 1500;
      const store = await openSqliteStore(join(dir, 'snag.db'));
      const admin = await createUserWithToken(store, { name: 'Admin', role: 'admin', tokenHash: hashToken(token) });
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
      for (let start = 0; start < doomed; start += 100) {
        await Promise.all(Array.from({ length: 100 }, (_, offset) => seed(start + offset + 1, 'Doomed Corp')));
      }
      const kept = await seed(doomed + 1, 'Initech');
      await store.close();
      expect(await countFiles()).toBe(doomed + 1);

      const first = await start({ DATA_DIR: dir });
      let remaining: number;
      try {
        const erasing = fetch(`${first.url}${API_PREFIX}/data/delete-by-customer`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ customer: 'doomed corp' }),
        }).catch(() => null);
        // Kill it as soon as files start to go: the rows are gone by then, most files are not.
        while ((await countFiles()) === doomed + 1) await new Promise((resolve) => setImmediate(resolve));
        first.child.kill('SIGKILL');
        await first.exited;
        await erasing;
        remaining = await countFiles();
      } finally {
        first.child.kill('SIGKILL');
      }
      // The kill landed mid-erasure: some files were removed, others were left behind.
      expect(remaining).toBeGreaterThan(1);
      expect(remaining).toBeLessThan(doomed + 1);

      const second = await start({ DATA_DIR: dir });
      try {
        expect(second.output()).toMatch(/Removed \d+ screenshot file\(s\) of deleted captures/);
        expect(await countFiles()).toBe(1);
        const image = await fetch(`${second.url}${API_PREFIX}/captures/${kept}/screenshot`, { headers: { Authorization: `Bearer ${token}` } });
        expect(image.status).toBe(200);
        second.child.kill('SIGTERM');
        expect(await second.exited).toBe(0);
      } finally {
        second.child.kill('SIGKILL');
      }
      const db = new BetterSqlite3(join(dir, 'snag.db'), { readonly: true });
      try {
        expect(db.prepare('select count(*) from captures').pluck().get()).toBe(1);
        expect(db.prepare('select count(*) from screenshot_erasures').pluck().get()).toBe(0);
      } finally {
        db.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('uses ADMIN_TOKEN for the first admin when it is set', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'snag-main-env-'));
    const server = await start({ DATA_DIR: dir, ADMIN_TOKEN: 'env-supplied-token-1234' });
    try {
      const res = await fetch(`${server.url}${API_PREFIX}/me`, { headers: { Authorization: 'Bearer env-supplied-token-1234' } });
      expect(me.parse(await res.json()).user.role).toBe('admin');
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('exits with a message naming the variable when the config is invalid', async () => {
    const bad = run({ PORT: 'eighty', DATA_DIR: dataDir });
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toMatch(/^ {2}PORT /m);
  }, 30_000);
});

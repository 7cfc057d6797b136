import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionInfo, tokenCreated } from '#shared/account';
import { API_PREFIX, health, me } from '#shared/api';
import { captureDetail } from '#shared/review';
import { sampleCaptureInput } from './helpers';
import { run, start } from './server-process';

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

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessionInfo } from '#shared/account';
import { createApp } from '../../server/app';
import { bootstrapWorkspace } from '../../server/bootstrap';
import { ScreenshotStore } from '../../server/screenshots';
import { openSqliteStore } from '../../server/store/sqlite';
import type { Store } from '../../server/store/store';
import { callApi } from './helpers';

let dataDir: string;
let store: Store;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'snag-first-run-'));
  store = await openSqliteStore(join(dataDir, 'snag.db'));
});
afterEach(async () => {
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
});

const tokenOf = (path: string | null) => path?.replace('/#/invite/', '') ?? '';

async function app() {
  return createApp({ store, screenshots: await ScreenshotStore.open(dataDir), version: 'test' });
}

describe('first run', () => {
  it('makes a one-time admin setup invite on an empty database, valid for 24 hours', async () => {
    const now = new Date('2030-01-01T10:00:00.000Z');
    const first = await bootstrapWorkspace(store, { adminToken: undefined, now });
    expect(first).toEqual({ empty: true, setupInvitePath: expect.stringMatching(/^\/#\/invite\/[A-Za-z0-9_-]{43}$/), adminTokenUser: false });
    const [invite] = await store.accounts.listPendingInvites(now.toISOString());
    expect(invite).toMatchObject({ role: 'admin', invitedBy: null, expiresAt: '2030-01-02T10:00:00.000Z' });
  });

  it('lets the setup link create the first admin, who can then sign in and run the workspace', async () => {
    const first = await bootstrapWorkspace(store, { adminToken: undefined });
    const snag = await app();
    const accepted = await callApi(snag, 'POST', '/invites/accept', null, {
      token: tokenOf(first.setupInvitePath),
      name: 'Ada Admin',
      email: 'ada@example.com',
      password: 'first admin password',
    });
    expect(accepted.status).toBe(201);
    expect(sessionInfo.parse(await accepted.json()).user.role).toBe('admin');
    // Once someone is in, a restart creates nothing.
    expect(await bootstrapWorkspace(store, { adminToken: undefined })).toEqual({ empty: false, setupInvitePath: null, adminTokenUser: false });
  });

  it('replaces an unused setup link on the next start while nobody has joined', async () => {
    const first = await bootstrapWorkspace(store, { adminToken: undefined });
    const second = await bootstrapWorkspace(store, { adminToken: undefined });
    const snag = await app();
    expect((await callApi(snag, 'POST', '/invites/peek', null, { token: tokenOf(first.setupInvitePath) })).status).toBe(404);
    expect((await callApi(snag, 'POST', '/invites/peek', null, { token: tokenOf(second.setupInvitePath) })).status).toBe(200);
  });

  it('with ADMIN_TOKEN also creates "Admin" holding that full-scope token', async () => {
    const adminToken = 'ci-admin-token-0123456789';
    const first = await bootstrapWorkspace(store, { adminToken });
    expect(first.adminTokenUser).toBe(true);
    expect(first.setupInvitePath).not.toBeNull();
    const snag = await app();
    const me = await callApi(snag, 'GET', '/me', { token: adminToken });
    expect(await me.json()).toMatchObject({ user: { name: 'Admin', role: 'admin' } });
    expect((await callApi(snag, 'GET', '/members', { token: adminToken })).status).toBe(200);
  });
});

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_PREFIX, apiError, customerSuggestions } from '#shared/api';
import type { CaptureInput } from '#shared/capture';
import { deletedCount, workspaceSettings } from '#shared/data-control';
import type { LiveEvent } from '#shared/live';
import { createApp } from '../../server/app';
import { EventBus } from '../../server/live/event-bus';
import {
  addMember,
  authHeaders,
  callApi,
  fakePng,
  fromAddress,
  makeTestApp,
  newCaptureId,
  sampleCaptureInput,
  signIn,
  type TestApp,
  type TestMember,
} from './helpers';

let t: TestApp;
let app: ReturnType<typeof createApp>;
let events: LiveEvent[];
let member: TestMember;
const NOW = new Date('2026-11-22T12:00:00.000Z');

beforeEach(async () => {
  t = await makeTestApp();
  const bus = new EventBus();
  events = [];
  bus.subscribe((event) => events.push(event));
  app = createApp({ store: t.store, screenshots: t.screenshots, events: bus, now: () => NOW });
  member = await addMember(t.store, { role: 'member', name: 'Mia Member', password: null });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await t.close();
});

const admin = () => ({ token: t.token });

/** A capture by `token`'s owner, with a screenshot of `seed`'s bytes unless `screenshot: false`. */
async function capture(
  token: string,
  overrides: Partial<CaptureInput> = {},
  options: { screenshot?: number | false } = {},
): Promise<string> {
  const input = sampleCaptureInput(overrides);
  const posted = await callApi(app, 'POST', '/captures', { token }, input);
  expect(posted.status).toBe(201);
  if (options.screenshot !== false) {
    const put = await app.request(`${API_PREFIX}/captures/${input.id}/screenshot`, {
      method: 'PUT',
      headers: authHeaders(token, { 'Content-Type': 'image/png' }),
      body: fakePng(512, options.screenshot ?? 1),
    });
    expect(put.status).toBe(201);
  }
  return input.id;
}

async function screenshotPathOf(id: string): Promise<string> {
  const found = await t.store.findScreenshotTarget(id);
  const sha256 = found?.capture.screenshot?.sha256;
  if (sha256 === undefined) throw new Error(`capture ${id} has no screenshot`);
  return t.screenshots.pathFor(sha256);
}

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(apiError.parse(await res.json()).error.code).toBe(code);
}

describe('DELETE /captures/:id', () => {
  it('deletes the capture, its screenshot file and its review rows; audits and announces it', async () => {
    const id = await capture(member.token, { comment: 'delete me' });
    const file = await screenshotPathOf(id);
    expect(existsSync(file)).toBe(true);
    await t.store.review.addComment(id, 'noted', { id: member.user.id, name: member.user.name }, { userId: member.user.id, seesAll: true }, NOW.toISOString());

    const res = await callApi(app, 'DELETE', `/captures/${id}`, admin());
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect((await callApi(app, 'GET', `/captures/${id}`, admin())).status).toBe(404);
    expect(existsSync(file)).toBe(false);
    expect(events.filter((event) => event.type === 'capture.deleted')).toEqual([
      { type: 'capture.deleted', captureId: id, reporterId: member.user.id, actorId: expect.any(String), at: NOW.toISOString() },
    ]);
    const audit = await t.store.audit.list({ action: 'capture.deleted', limit: 10 });
    expect(audit.entries).toEqual([expect.objectContaining({ target: id, details: { count: 1 }, at: NOW.toISOString() })]);
    expect(audit.entries[0]?.actor?.name).toBe('Admin');
    expect((await callApi(app, 'DELETE', `/captures/${id}`, admin())).status).toBe(404);
  });

  it('leaves no row anywhere that names the deleted capture (besides the audit log)', async () => {
    const id = await capture(member.token, { comment: 'find every trace', tags: ['checkout'], customer: 'Globex' });
    const other = await capture(member.token, { comment: 'a duplicate' }, { screenshot: 2 });
    const viewer = { userId: member.user.id, seesAll: true };
    const actor = { id: member.user.id, name: member.user.name };
    await t.store.review.addComment(id, 'a comment', actor, viewer, NOW.toISOString());
    await t.store.review.triage(id, { status: 'in_progress', priority: 'urgent' }, actor, viewer, NOW.toISOString());
    await t.store.review.merge(id, [other], actor, viewer, NOW.toISOString());
    expect((await callApi(app, 'DELETE', `/captures/${id}`, admin())).status).toBe(204);

    const db = new BetterSqlite3(join(t.dataDir, 'snag.db'), { readonly: true });
    try {
      const tables = db
        .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name != 'audit_log'")
        .pluck()
        .all()
        .filter((name): name is string => typeof name === 'string');
      expect(tables).toContain('capture_comments');
      const traces: string[] = [];
      for (const table of tables) {
        const columns = db.prepare(`select name from pragma_table_info(?)`).pluck().all(table).filter((c): c is string => typeof c === 'string');
        for (const column of columns) {
          const hits = db.prepare(`select count(*) from "${table}" where cast("${column}" as text) like ?`).pluck().get(`%${id}%`);
          if (hits !== 0) traces.push(`${table}.${column}`);
        }
      }
      // The one mention left is in the survivor's own history ("merged into <id>"): what happened to
      // it, an opaque id that now points at nothing.
      expect(traces).toEqual(['capture_events.to_value']);
      const mentions = db.prepare('select capture_id, type from capture_events where to_value = ?').all(id);
      expect(mentions).toEqual([{ capture_id: other, type: 'merged_into' }]);
    } finally {
      db.close();
    }
  });

  it('keeps a screenshot file that another capture shares until the last one goes', async () => {
    const first = await capture(member.token, {}, { screenshot: 7 });
    const second = await capture(t.token, {}, { screenshot: 7 });
    const file = await screenshotPathOf(first);
    expect(await screenshotPathOf(second)).toBe(file);
    expect((await callApi(app, 'DELETE', `/captures/${first}`, admin())).status).toBe(204);
    expect(existsSync(file)).toBe(true);
    const image = await app.request(`${API_PREFIX}/captures/${second}/screenshot`, { headers: authHeaders(t.token) });
    expect(image.status).toBe(200);
    expect((await callApi(app, 'DELETE', `/captures/${second}`, admin())).status).toBe(204);
    expect(existsSync(file)).toBe(false);
  });

  it('is for admins only, and checks the id', async () => {
    const id = await capture(member.token);
    const ops = await addMember(t.store, { role: 'ops', password: null });
    const captureOnly = await addMember(t.store, { role: 'admin', scope: 'capture', password: null });
    await expectError(await callApi(app, 'DELETE', `/captures/${id}`, { token: member.token }), 403, 'forbidden');
    await expectError(await callApi(app, 'DELETE', `/captures/${id}`, { token: ops.token }), 403, 'forbidden');
    await expectError(await callApi(app, 'DELETE', `/captures/${id}`, { token: captureOnly.token }), 403, 'forbidden');
    await expectError(await callApi(app, 'DELETE', `/captures/${id}`, null), 401, 'unauthorized');
    await expectError(await callApi(app, 'DELETE', '/captures/not-a-uuid', admin()), 400, 'invalid_request');
    await expectError(await callApi(app, 'DELETE', `/captures/${newCaptureId()}`, admin()), 404, 'not_found');
    expect(await t.store.findScreenshotTarget(id)).not.toBeNull();
  });

  it('works from the dashboard with the session cookie and the CSRF token, not without the token', async () => {
    const boss = await addMember(t.store, { role: 'admin' });
    const session = await signIn(app, boss.email);
    const id = await capture(member.token);
    await expectError(await callApi(app, 'DELETE', `/captures/${id}`, { session, csrf: false }), 403, 'csrf');
    expect((await callApi(app, 'DELETE', `/captures/${id}`, { session })).status).toBe(204);
  });

  it('changes nothing when the audit cannot be written (one transaction), and says nothing of why', async () => {
    const id = await capture(member.token);
    const file = await screenshotPathOf(id);
    const db = new BetterSqlite3(join(t.dataDir, 'snag.db'));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      db.exec(`create trigger fail_audit before insert on audit_log begin select raise(abort, 'injected failure'); end`);
      const res = await callApi(app, 'DELETE', `/captures/${id}`, admin());
      expect(res.status).toBe(500);
      expect(await res.text()).not.toMatch(/injected|sqlite|audit_log/i);
      db.exec('drop trigger fail_audit');
    } finally {
      db.close();
    }
    expect(await t.store.getCapture(id)).not.toBeNull();
    expect(existsSync(file)).toBe(true);
    expect(await t.store.dataControl.pendingScreenshotErasures(10)).toEqual([]);
    expect(events.filter((event) => event.type === 'capture.deleted')).toEqual([]);
  });
});

describe('POST /data/delete-by-reporter', () => {
  it('deletes everything the person reported, answers the count, audits and announces it', async () => {
    const theirs = [await capture(member.token, {}, { screenshot: 3 }), await capture(member.token, {}, { screenshot: false })];
    const mine = await capture(t.token);
    const res = await callApi(app, 'POST', '/data/delete-by-reporter', admin(), { userId: member.user.id });
    expect(res.status).toBe(200);
    expect(deletedCount.parse(await res.json())).toEqual({ deleted: 2 });
    for (const id of theirs) expect(await t.store.findScreenshotTarget(id)).toBeNull();
    expect(await t.store.getCapture(mine)).not.toBeNull();
    expect(events.filter((event) => event.type === 'capture.deleted').map((event) => event.captureId).sort()).toEqual([...theirs].sort());
    const audit = await t.store.audit.list({ action: 'data.deleted_by_reporter', limit: 10 });
    expect(audit.entries[0]).toMatchObject({ target: member.user.id, details: { count: 2 } });
  });

  it('names the field when the person is unknown or the body is wrong', async () => {
    const unknown = await callApi(app, 'POST', '/data/delete-by-reporter', admin(), { userId: 'nobody' });
    expect(unknown.status).toBe(404);
    expect(apiError.parse(await unknown.json()).error.issues?.[0]?.path).toBe('userId');
    for (const body of [{}, { userId: '' }, { userId: 5 }, { userId: 'x', extra: 1 }]) {
      const res = await callApi(app, 'POST', '/data/delete-by-reporter', admin(), body);
      expect(res.status).toBe(400);
      expect(apiError.parse(await res.json()).error.code).toBe('invalid_request');
    }
    await expectError(await callApi(app, 'POST', '/data/delete-by-reporter', { token: member.token }, { userId: member.user.id }), 403, 'forbidden');
  });
});

describe('POST /data/delete-by-customer', () => {
  it('deletes every capture about the customer, any case, and drops it from the suggestions', async () => {
    await capture(member.token, { customer: 'Globex' });
    await capture(t.token, { customer: 'GLOBEX' }, { screenshot: 4 });
    const kept = await capture(member.token, { customer: 'Initech' }, { screenshot: 5 });
    const res = await callApi(app, 'POST', '/data/delete-by-customer', admin(), { customer: ' globex ' });
    expect(res.status).toBe(200);
    expect(deletedCount.parse(await res.json())).toEqual({ deleted: 2 });
    const suggestions = customerSuggestions.parse(await (await callApi(app, 'GET', '/customers', admin())).json());
    expect(suggestions.customers.map((customer) => customer.name)).toEqual(['Initech']);
    expect(await t.store.getCapture(kept)).not.toBeNull();
    const again = await callApi(app, 'POST', '/data/delete-by-customer', admin(), { customer: 'Globex' });
    expect(deletedCount.parse(await again.json())).toEqual({ deleted: 0 });
    await expectError(await callApi(app, 'POST', '/data/delete-by-customer', admin(), { customer: '   ' }), 400, 'invalid_request');
  });
});

describe('GET/PUT /settings', () => {
  it('reads and changes the retention, auditing the change', async () => {
    expect(workspaceSettings.parse(await (await callApi(app, 'GET', '/settings', admin())).json())).toEqual({ retentionDays: null });
    const put = await callApi(app, 'PUT', '/settings', admin(), { retentionDays: 30 });
    expect(put.status).toBe(200);
    expect(workspaceSettings.parse(await put.json())).toEqual({ retentionDays: 30 });
    expect(workspaceSettings.parse(await (await callApi(app, 'GET', '/settings', admin())).json())).toEqual({ retentionDays: 30 });
    const audit = await t.store.audit.list({ action: 'retention.changed', limit: 10 });
    expect(audit.entries[0]).toMatchObject({ details: { from: null, to: 30 }, at: NOW.toISOString() });
  });

  it('refuses values out of range, naming the field, and non-admins', async () => {
    for (const body of [{ retentionDays: 0 }, { retentionDays: 3651 }, { retentionDays: '30' }, { retentionDays: 2.5 }, {}, { retentionDays: 5, other: 1 }]) {
      const res = await callApi(app, 'PUT', '/settings', admin(), body);
      expect(res.status).toBe(400);
      const error = apiError.parse(await res.json()).error;
      expect(error.issues?.[0]?.path).toMatch(/retentionDays|\(body\)/);
    }
    await expectError(await callApi(app, 'GET', '/settings', { token: member.token }), 403, 'forbidden');
    await expectError(await callApi(app, 'PUT', '/settings', { token: member.token }, { retentionDays: 1 }), 403, 'forbidden');
    expect(await t.store.dataControl.getSettings()).toEqual({ retentionDays: null });
  });
});

describe('audit addresses', () => {
  it('record the connection’s address, or behind a trusted proxy the client’s', async () => {
    const direct = await capture(member.token);
    const proxied = await capture(member.token);
    const headers = { ...authHeaders(t.token), 'X-Forwarded-For': '198.51.100.7' };
    expect((await app.request(`${API_PREFIX}/captures/${direct}`, { method: 'DELETE', headers }, fromAddress('10.0.0.2'))).status).toBe(204);
    const behindProxy = createApp({ store: t.store, screenshots: t.screenshots, security: { trustProxy: true } });
    expect((await behindProxy.request(`${API_PREFIX}/captures/${proxied}`, { method: 'DELETE', headers }, fromAddress('10.0.0.2'))).status).toBe(204);
    const entries = (await t.store.audit.list({ action: 'capture.deleted', limit: 10 })).entries;
    expect(entries.map((entry) => [entry.target, entry.ip])).toEqual([
      [proxied, '198.51.100.7'],
      [direct, '10.0.0.2'],
    ]);
  });
});

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX } from '#shared/api';
import { createApp } from '../../server/app';
import { API_CONTENT_SECURITY_POLICY } from '../../server/middleware/hardening';
import { DASHBOARD_CONTENT_SECURITY_POLICY } from '../../server/routes/dashboard';
import { authHeaders, fakePng, makeTestApp, postCapture, putScreenshot, sampleCaptureInput, type TestApp } from './helpers';

let t: TestApp;
let dist: string;
beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), 'snag-dist-'));
  await mkdir(join(dist, 'assets'));
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>Snag</title>');
  await writeFile(join(dist, 'assets', 'app-1.js'), 'console.log(1)');
  t = await makeTestApp({ dashboardDir: dist });
});
afterAll(async () => {
  await t.close();
  await rm(dist, { recursive: true, force: true });
});

function expectEverywhereHeaders(res: Response) {
  expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
  expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
  expect(res.headers.get('X-Frame-Options')).toBe('DENY');
  expect(res.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
  expect(res.headers.get('Cross-Origin-Resource-Policy')).toBe('same-origin');
  expect(res.headers.get('Permissions-Policy')).toMatch(/camera=\(\)/);
  expect(res.headers.get('Content-Security-Policy')).toMatch(/frame-ancestors 'none'/);
}

describe('security headers', () => {
  it('are on API answers of every kind, with a CSP that loads nothing and no caching', async () => {
    const capture = sampleCaptureInput();
    const answers = [
      await t.app.request(`${API_PREFIX}/me`, { headers: authHeaders(t.token) }),
      await postCapture(t, capture),
      await t.app.request(`${API_PREFIX}/me`),
      await t.app.request(`${API_PREFIX}/nothing-here`, { headers: authHeaders(t.token) }),
      await t.app.request(`${API_PREFIX}/captures`, {
        method: 'POST',
        headers: authHeaders(t.token, { 'Content-Type': 'application/json' }),
        body: '{not json',
      }),
    ];
    expect(answers.map((res) => res.status)).toEqual([200, 201, 401, 404, 400]);
    for (const res of answers) {
      expectEverywhereHeaders(res);
      expect(res.headers.get('Content-Security-Policy')).toBe(API_CONTENT_SECURITY_POLICY);
      expect(res.headers.get('Cache-Control')).toBe('no-store');
    }
  });

  it('let the screenshot keep its own caching, and keep the rest', async () => {
    const capture = sampleCaptureInput();
    await postCapture(t, capture);
    expect((await putScreenshot(t, capture.id, fakePng())).status).toBe(201);
    const res = await t.app.request(`${API_PREFIX}/captures/${capture.id}/screenshot`, { headers: authHeaders(t.token) });
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('private, no-cache');
    expectEverywhereHeaders(res);
    expect(res.headers.get('Content-Security-Policy')).toBe(API_CONTENT_SECURITY_POLICY);
  });

  it('give the dashboard its strict CSP: own scripts and styles only, nothing inline', async () => {
    for (const path of ['/', '/assets/app-1.js', '/some/client/route']) {
      const res = await t.app.request(path);
      expect(res.status).toBe(200);
      expectEverywhereHeaders(res);
      const csp = res.headers.get('Content-Security-Policy');
      expect(csp).toBe(DASHBOARD_CONTENT_SECURITY_POLICY);
      expect(csp).toBe(
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
      );
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    }
  });

  it('are on health checks and non-API 404s', async () => {
    for (const res of [await t.app.request('/healthz'), await t.app.request('/nowhere', { method: 'POST' })]) {
      expectEverywhereHeaders(res);
    }
  });

  it('send HSTS only over https', async () => {
    expect((await t.app.request('http://snag.example/healthz')).headers.get('Strict-Transport-Security')).toBeNull();
    expect((await t.app.request('https://snag.example/healthz')).headers.get('Strict-Transport-Security')).toMatch(
      /^max-age=\d{7,}$/,
    );
    // A client cannot claim https by itself…
    const claimed = await t.app.request('http://snag.example/healthz', { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(claimed.headers.get('Strict-Transport-Security')).toBeNull();
    // …but a proxy the operator said to trust can.
    const behindProxy = createApp({ store: t.store, screenshots: t.screenshots, security: { trustProxy: true } });
    const proxied = await behindProxy.request('http://snag.example/healthz', { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(proxied.headers.get('Strict-Transport-Security')).toMatch(/^max-age=/);
  });
});

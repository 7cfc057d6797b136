import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiError } from '#shared/api';
import { makeTestApp, type TestApp } from './helpers';

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const INDEX = '<!doctype html><title>Snag</title><script type="module" src="/assets/app-1a2b3c.js"></script>';

function expectSecurityHeaders(res: Response) {
  expect(res.headers.get('Content-Security-Policy')).toBe(CSP);
  expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
  expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
}

describe('dashboard at /', () => {
  let t: TestApp;
  let dist: string;

  beforeEach(async () => {
    dist = await mkdtemp(join(tmpdir(), 'snag-dist-'));
    await mkdir(join(dist, 'assets'));
    await writeFile(join(dist, 'index.html'), INDEX);
    await writeFile(join(dist, 'assets', 'app-1a2b3c.js'), 'console.log("snag")');
    t = await makeTestApp({ dashboardDir: dist });
  });
  afterEach(async () => {
    await t.close();
    await rm(dist, { recursive: true, force: true });
  });

  it('serves index.html with the security headers', async () => {
    const res = await t.app.request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(res.headers.get('Cache-Control')).toBe('no-cache');
    expectSecurityHeaders(res);
    expect(await res.text()).toBe(INDEX);
  });

  it('serves fingerprinted assets as immutable', async () => {
    const res = await t.app.request('/assets/app-1a2b3c.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/javascript/);
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expectSecurityHeaders(res);
  });

  it('sends the precompressed copy to browsers that accept it, and the plain file to others', async () => {
    const source = 'console.log("snag")';
    await writeFile(join(dist, 'assets', 'app-1a2b3c.js.gz'), gzipSync(source));
    const gzipped = await t.app.request('/assets/app-1a2b3c.js', { headers: { 'Accept-Encoding': 'gzip, deflate' } });
    expect(gzipped.headers.get('Content-Encoding')).toBe('gzip');
    expect(gzipped.headers.get('Content-Type')).toMatch(/javascript/);
    expect(gunzipSync(Buffer.from(await gzipped.arrayBuffer())).toString()).toBe(source);

    const plain = await t.app.request('/assets/app-1a2b3c.js');
    expect(plain.headers.get('Content-Encoding')).toBeNull();
    expect(await plain.text()).toBe(source);
  });

  it('falls back to index.html for client-side routes, but not for missing assets', async () => {
    const route = await t.app.request('/captures/some-id');
    expect(route.status).toBe(200);
    expect(await route.text()).toBe(INDEX);
    const missing = await t.app.request('/assets/gone-123.js');
    expect(missing.status).toBe(404);
  });

  it('does not serve files outside the folder', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json']) {
      const res = await t.app.request(path);
      expect(await res.text()).not.toContain('"name"');
    }
  });

  it('leaves /api/* alone: unknown API paths stay JSON', async () => {
    const res = await t.app.request('/api/unknown');
    expect(res.status).toBe(401);
    expect(apiError.safeParse(await res.json()).success).toBe(true);
  });
});

describe('dashboard not built', () => {
  let t: TestApp;
  afterEach(async () => {
    await t.close();
  });

  it('answers 503 saying how to build it, when no folder was given or it is missing', async () => {
    for (const dashboardDir of [undefined, join(tmpdir(), 'snag-no-such-dist')]) {
      t = await makeTestApp({ dashboardDir });
      const res = await t.app.request('/');
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('npm run build:dashboard');
      expectSecurityHeaders(res);
      await t.close();
    }
    t = await makeTestApp();
  });
});

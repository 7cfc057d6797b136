import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX } from '#shared/api';
import { CHROME_EXTENSION_ORIGIN } from '#shared/extension-identity';
import { createApp } from '../../server/app';
import { authHeaders, makeTestApp, type TestApp } from './helpers';

const STORE_BUILD = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const LISTED_FIREFOX = 'moz-extension://0b8d7c6e-1f2a-4b3c-9d8e-7f6a5b4c3d2e';

let t: TestApp;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  t = await makeTestApp();
  app = createApp({
    store: t.store,
    screenshots: t.screenshots,
    security: { extensionOrigins: [STORE_BUILD, LISTED_FIREFOX] },
  });
});
afterAll(async () => {
  await t.close();
});

const allowedOrigins = [CHROME_EXTENSION_ORIGIN, STORE_BUILD, LISTED_FIREFOX];
const refusedOrigins = [
  'https://evil.example',
  'http://localhost:3000',
  'null',
  // Another extension, even a well-formed one, is not ours.
  'chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba',
  'moz-extension://11111111-2222-3333-4444-555555555555',
  `${CHROME_EXTENSION_ORIGIN}/path`,
  `${CHROME_EXTENSION_ORIGIN.toUpperCase()}`,
  'chrome-extension://',
];

function preflight(path: string, origin: string, method = 'PUT') {
  return app.request(path, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': method,
      'Access-Control-Request-Headers': 'authorization, content-type',
    },
  });
}

describe('CORS', () => {
  for (const origin of allowedOrigins) {
    it(`answers a preflight from ${origin} without a token`, async () => {
      const res = await preflight(`${API_PREFIX}/captures/x/screenshot`, origin);
      expect(res.status).toBe(204);
      expect(res.headers.get('Access-Control-Allow-Origin')).toBe(origin);
      expect(res.headers.get('Access-Control-Allow-Methods')?.split(',')).toEqual(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
      expect(res.headers.get('Access-Control-Allow-Headers')?.toLowerCase().split(',')).toEqual(['authorization', 'content-type']);
      expect(res.headers.get('Access-Control-Max-Age')).toBe('600');
      expect(res.headers.get('Access-Control-Allow-Credentials')).toBeNull();
      expect(res.headers.get('Vary')).toContain('Origin');
    });

    it(`reflects ${origin} on API and health responses, errors included, and exposes Retry-After`, async () => {
      const api = await app.request(`${API_PREFIX}/me`, { headers: authHeaders(t.token, { Origin: origin }) });
      expect(api.status).toBe(200);
      expect(api.headers.get('Access-Control-Allow-Origin')).toBe(origin);
      expect(api.headers.get('Access-Control-Expose-Headers')?.split(',')).toContain('Retry-After');
      expect(api.headers.get('Vary')).toContain('Origin');
      const health = await app.request('/healthz', { headers: { Origin: origin } });
      expect(health.headers.get('Access-Control-Allow-Origin')).toBe(origin);
      // Errors must be readable by the extension too.
      const denied = await app.request(`${API_PREFIX}/me`, { headers: { Origin: origin } });
      expect(denied.status).toBe(401);
      expect(denied.headers.get('Access-Control-Allow-Origin')).toBe(origin);
    });
  }

  for (const origin of refusedOrigins) {
    it(`gives the origin ${origin} no CORS headers at all`, async () => {
      const pre = await preflight(`${API_PREFIX}/captures`, origin, 'POST');
      expect(pre.status).toBe(204);
      expect(pre.headers.get('Access-Control-Allow-Origin')).toBeNull();
      expect(pre.headers.get('Access-Control-Allow-Methods')).toBeNull();
      const api = await app.request(`${API_PREFIX}/me`, { headers: authHeaders(t.token, { Origin: origin }) });
      expect(api.headers.get('Access-Control-Allow-Origin')).toBeNull();
      expect(api.headers.get('Access-Control-Expose-Headers')).toBeNull();
      expect(api.headers.get('Vary')).toContain('Origin');
      const health = await app.request('/healthz', { headers: { Origin: origin } });
      expect(health.headers.get('Access-Control-Allow-Origin')).toBeNull();
    });
  }

  it('allows only the Chrome build by default', async () => {
    const plain = t.app;
    const chrome = await plain.request('/healthz', { headers: { Origin: CHROME_EXTENSION_ORIGIN } });
    expect(chrome.headers.get('Access-Control-Allow-Origin')).toBe(CHROME_EXTENSION_ORIGIN);
    const store = await plain.request('/healthz', { headers: { Origin: STORE_BUILD } });
    expect(store.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('never sends CORS headers to the dashboard', async () => {
    const res = await app.request('/', { headers: { Origin: CHROME_EXTENSION_ORIGIN } });
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX } from '#shared/api';
import { authHeaders, makeTestApp, type TestApp } from './helpers';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => {
  await t.close();
});

const extensionOrigins = ['chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'moz-extension://0b8d7c6e-1f2a-4b3c-9d8e-7f6a5b4c3d2e'];
const webOrigins = ['https://evil.example', 'http://localhost:3000', 'null', 'chrome-extension://abc/path', 'chrome-extension://'];

function preflight(path: string, origin: string) {
  return t.app.request(path, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'PUT',
      'Access-Control-Request-Headers': 'authorization, content-type',
    },
  });
}

describe('CORS', () => {
  for (const origin of extensionOrigins) {
    it(`answers a preflight from ${origin.split(':')[0]} without a token`, async () => {
      const res = await preflight(`${API_PREFIX}/captures`, origin);
      expect(res.status).toBe(204);
      expect(res.headers.get('Access-Control-Allow-Origin')).toBe(origin);
      expect(res.headers.get('Access-Control-Allow-Methods')?.split(',')).toEqual(['GET', 'POST', 'PUT', 'OPTIONS']);
      expect(res.headers.get('Access-Control-Allow-Headers')?.toLowerCase().split(',')).toEqual(['authorization', 'content-type']);
      expect(res.headers.get('Vary')).toContain('Origin');
    });

    it(`reflects ${origin.split(':')[0]} on API and health responses`, async () => {
      const api = await t.app.request(`${API_PREFIX}/me`, { headers: authHeaders(t.token, { Origin: origin }) });
      expect(api.status).toBe(200);
      expect(api.headers.get('Access-Control-Allow-Origin')).toBe(origin);
      expect(api.headers.get('Vary')).toContain('Origin');
      const health = await t.app.request('/healthz', { headers: { Origin: origin } });
      expect(health.headers.get('Access-Control-Allow-Origin')).toBe(origin);
      // Errors must be readable by the extension too.
      const denied = await t.app.request(`${API_PREFIX}/me`, { headers: { Origin: origin } });
      expect(denied.status).toBe(401);
      expect(denied.headers.get('Access-Control-Allow-Origin')).toBe(origin);
    });
  }

  for (const origin of webOrigins) {
    it(`does not allow the origin ${origin}`, async () => {
      const pre = await preflight(`${API_PREFIX}/captures`, origin);
      expect(pre.headers.get('Access-Control-Allow-Origin')).toBeNull();
      const api = await t.app.request(`${API_PREFIX}/me`, { headers: authHeaders(t.token, { Origin: origin }) });
      expect(api.headers.get('Access-Control-Allow-Origin')).toBeNull();
      const health = await t.app.request('/healthz', { headers: { Origin: origin } });
      expect(health.headers.get('Access-Control-Allow-Origin')).toBeNull();
    });
  }
});

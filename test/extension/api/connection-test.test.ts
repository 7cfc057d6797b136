import { describe, expect, it } from 'vitest';
import { testConnection } from '@/lib/api/connection-test';
import { apiErrorBody, fakeFetch, json } from '../helpers';

const healthy = json({ ok: true, service: 'snag', version: '1.4.0' });
const target = { serverUrl: 'https://snag.example.com/', token: 'snag_t' };

describe('testConnection', () => {
  it('says who the token belongs to', async () => {
    const { fetch, requests } = fakeFetch(({ path }) =>
      path === '/healthz' ? healthy.clone() : json({ user: { id: 'u1', name: 'Ada Lovelace', role: 'member' } }),
    );
    await expect(testConnection({ fetch }, target)).resolves.toEqual({
      ok: true,
      value: { userName: 'Ada Lovelace', serverVersion: '1.4.0' },
    });
    expect(requests.map((request) => request.path)).toEqual(['/healthz', '/api/v1/me']);
    expect(requests[1]?.headers.get('authorization')).toBe('Bearer snag_t');
  });

  it('checks the URL before asking anything', async () => {
    const { fetch, requests } = fakeFetch(() => healthy.clone());
    const result = await testConnection({ fetch }, { serverUrl: 'snag.example.com', token: 't' });
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('is not a URL') });
    expect(requests).toHaveLength(0);
  });

  it('unreachable: is the server running and the URL right?', async () => {
    const { fetch } = fakeFetch(() => 'network-error');
    await expect(testConnection({ fetch }, target)).resolves.toEqual({
      ok: false,
      reason: "Can't reach https://snag.example.com: is the server running and the URL right?",
    });
  });

  it('something else answers: not a Snag server', async () => {
    const { fetch } = fakeFetch(() => json({ status: 'UP' }));
    await expect(testConnection({ fetch }, target)).resolves.toEqual({
      ok: false,
      reason: 'That address answers, but it is not a Snag server',
    });
  });

  it('401 from /me: the token', async () => {
    const { fetch } = fakeFetch(({ path }) =>
      path === '/healthz' ? healthy.clone() : json(apiErrorBody('unauthorized', 'invalid token'), 401),
    );
    await expect(testConnection({ fetch }, target)).resolves.toEqual({
      ok: false,
      reason: 'The server rejected the token: paste a valid one',
    });
  });

  it('an empty token: the server is fine, the token is missing', async () => {
    const { fetch, requests } = fakeFetch(() => healthy.clone());
    const result = await testConnection({ fetch }, { ...target, token: '   ' });
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('the Access token is empty') });
    expect(requests).toHaveLength(1);
  });
});

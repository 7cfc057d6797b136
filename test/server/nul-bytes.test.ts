import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError } from '#shared/api';
import { NUL_MESSAGE } from '#shared/text';
import { API_PREFIX, authHeaders, makeTestApp, postCapture, sampleCaptureInput, type TestApp, type TestDatabase } from './helpers';

// PostgreSQL text cannot hold a NUL (\u0000): each of these answered 500 there, some to anyone.
// Every text field refuses it with a 400 naming the field, on both stores alike.

const NUL = '\u0000';

interface Case {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  anonymous?: boolean;
  /** The field the 400 must name; absent when only the status is checked (a path or query parameter). */
  field?: string;
}

function cases(captureId: string): Case[] {
  const capture = sampleCaptureInput();
  return [
    { method: 'POST', path: '/session', body: { email: `ann${NUL}@example.com`, password: 'x' }, anonymous: true, field: 'email' },
    { method: 'POST', path: '/session', body: { email: 'ann@example.com', password: `pass${NUL}` }, anonymous: true, field: 'password' },
    { method: 'POST', path: '/pairings', body: { deviceName: `Laptop${NUL}` }, anonymous: true, field: 'deviceName' },
    { method: 'POST', path: '/invites/peek', body: { token: `abc${NUL}` }, anonymous: true, field: 'token' },
    { method: 'POST', path: '/captures', body: { ...capture, comment: `a${NUL}b` }, field: 'comment' },
    { method: 'POST', path: '/captures', body: { ...sampleCaptureInput(), customer: `Acme${NUL}` }, field: 'customer' },
    { method: 'POST', path: '/captures', body: { ...sampleCaptureInput(), tags: [`t${NUL}`] }, field: 'tags.0' },
    { method: 'POST', path: '/captures', body: { ...sampleCaptureInput(), page: { url: `https://a.example/${NUL}`, title: 'x' } }, field: 'page.url' },
    { method: 'POST', path: `/captures/${captureId}/comments`, body: { body: `note${NUL}` }, field: 'body' },
    { method: 'POST', path: '/views', body: { name: `Mine${NUL}`, query: '' }, field: 'name' },
    { method: 'POST', path: '/tokens', body: { name: `ci${NUL}`, scope: 'full' }, field: 'name' },
    { method: 'POST', path: '/data/delete-by-customer', body: { customer: `Acme${NUL}` }, field: 'customer' },
    { method: 'GET', path: '/captures?q=%00' },
    { method: 'GET', path: '/captures?customer=a%00' },
    { method: 'GET', path: '/captures?flow=a%00' },
    { method: 'GET', path: '/customers?q=a%00' },
    { method: 'GET', path: '/audit?actor=a%00' },
    { method: 'GET', path: '/insights/hotspots?site=a%00' },
    { method: 'DELETE', path: '/tokens/%00' },
    { method: 'DELETE', path: '/views/a%00' },
    { method: 'PATCH', path: '/members/a%00', body: { active: true } },
  ];
}

describe.each<TestDatabase>(['sqlite', 'postgres'])('NUL bytes on %s', (database) => {
  let t: TestApp;
  let captureId: string;

  beforeAll(async () => {
    t = await makeTestApp({ database, security: { requestsPerMinute: 0, anonymousRequestsPerMinute: 0 } });
    const input = sampleCaptureInput();
    expect((await postCapture(t, input)).status).toBe(201);
    captureId = input.id;
  }, 30_000);

  afterAll(async () => {
    await t.close();
  });

  it('refuses a NUL in any text field, path or query parameter with a 400 naming it', async () => {
    const wrong: string[] = [];
    for (const { method, path, body, anonymous, field } of cases(captureId)) {
      const headers = { ...(anonymous === true ? {} : authHeaders(t.token)), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) };
      const res = await t.app.request(`${API_PREFIX}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      const parsed = apiError.safeParse(await res.json());
      const issue = parsed.data?.error.issues?.find((candidate) => candidate.path === field);
      if (res.status !== 400 || !parsed.success || (field !== undefined && issue?.message !== NUL_MESSAGE)) {
        wrong.push(`${method} ${path} → ${res.status} ${JSON.stringify(parsed.data ?? parsed.error)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('shows a NUL echoed in an error (an unknown field name) as \\u0000, never raw', async () => {
    const res = await t.app.request(`${API_PREFIX}/views`, {
      method: 'POST',
      headers: authHeaders(t.token, { 'Content-Type': 'application/json' }),
      body: JSON.stringify({ name: 'x', query: '', [`odd${NUL}`]: 1 }),
    });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toContain(NUL);
    expect(text).toContain('odd\\\\u0000');
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_PREFIX, apiError, workspaceTags } from '#shared/api';
import { addUser, authHeaders, makeTestApp, type TestApp } from './helpers';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

const getTags = (token: string) => t.app.request(`${API_PREFIX}/tags`, { headers: authHeaders(token) });
const putTags = (token: string, body: unknown, contentType = 'application/json') =>
  t.app.request(`${API_PREFIX}/tags`, {
    method: 'PUT',
    headers: authHeaders(token, { 'Content-Type': contentType }),
    body: JSON.stringify(body),
  });

describe('GET /api/v1/tags', () => {
  it('answers the default list to any member', async () => {
    const { token } = await addUser(t.store);
    const res = await getTags(token);
    expect(res.status).toBe(200);
    expect(workspaceTags.parse(await res.json()).tags).toEqual([
      'confusing',
      'blocked',
      'slow',
      'error',
      'missing',
      'unclear copy',
      'too many steps',
    ]);
  });

  it('needs a token', async () => {
    expect((await t.app.request(`${API_PREFIX}/tags`)).status).toBe(401);
  });
});

describe('PUT /api/v1/tags', () => {
  it('lets an admin replace the list; tags are normalised and de-duplicated, order kept', async () => {
    const res = await putTags(t.token, { tags: ['Onboarding', ' billing ', 'onboarding', 'Too many steps'] });
    expect(res.status).toBe(200);
    expect(workspaceTags.parse(await res.json()).tags).toEqual(['onboarding', 'billing', 'too many steps']);
    expect(workspaceTags.parse(await (await getTags(t.token)).json()).tags).toEqual(['onboarding', 'billing', 'too many steps']);
  });

  it('refuses a member with 403 and changes nothing, whatever the body', async () => {
    const { token } = await addUser(t.store);
    for (const body of [{ tags: ['mine'] }, { nonsense: true }]) {
      const res = await putTags(token, body);
      expect(res.status).toBe(403);
      expect(apiError.parse(await res.json()).error.code).toBe('forbidden');
    }
    expect(workspaceTags.parse(await (await getTags(token)).json()).tags).toContain('confusing');
  });

  it.each([
    ['tags', {}],
    ['tags', { tags: 'a,b' }],
    ['tags.1', { tags: ['ok', ''] }],
    ['tags.0', { tags: ['x'.repeat(41)] }],
    ['tags', { tags: Array.from({ length: 101 }, (_, index) => `tag ${index}`) }],
    ['(body)', { tags: [], extra: 1 }],
  ])('names %s in a 400 for a bad body', async (path, body) => {
    const res = await putTags(t.token, body);
    expect(res.status).toBe(400);
    expect(apiError.parse(await res.json()).error.issues?.map((issue) => issue.path)).toContain(path);
  });

  it('answers 415 for a body that is not JSON', async () => {
    expect((await putTags(t.token, { tags: [] }, 'text/plain')).status).toBe(415);
  });
});

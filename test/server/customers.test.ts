import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_PREFIX, apiError, customerSuggestions } from '#shared/api';
import { addUser, authHeaders, makeTestApp, postCapture, sampleCaptureInput, type TestApp } from './helpers';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

const suggest = (query: string, token = t.token) =>
  t.app.request(`${API_PREFIX}/customers${query}`, { headers: authHeaders(token) });

async function names(query: string): Promise<string[]> {
  const res = await suggest(query);
  expect(res.status).toBe(200);
  return customerSuggestions.parse(await res.json()).customers.map((customer) => customer.name);
}

describe('GET /api/v1/customers', () => {
  it('suggests customers from earlier captures (everyone’s), matching the start of the name in any case', async () => {
    const member = await addUser(t.store);
    for (const customer of ['Globex Corporation', 'Initech', 'Globe Theatre']) {
      expect((await postCapture(t, sampleCaptureInput({ customer }))).status).toBe(201);
    }
    expect((await postCapture({ app: t.app, token: member.token }, sampleCaptureInput({ customer: 'Gringotts' }))).status).toBe(201);

    expect((await names('')).sort()).toEqual(['Globe Theatre', 'Globex Corporation', 'Gringotts', 'Initech']);
    expect((await names('?q=glob')).sort()).toEqual(['Globe Theatre', 'Globex Corporation']);
    expect(await names('?q=%20GLOBEX%20')).toEqual(['Globex Corporation']);
    expect(await names('?q=g&limit=1')).toHaveLength(1);
    expect(await names('?q=nobody')).toEqual([]);

    const res = await suggest('?q=init', member.token);
    expect(customerSuggestions.parse(await res.json()).customers).toEqual([
      { name: 'Initech', captures: 1, lastUsedAt: expect.any(String) },
    ]);
  });

  it.each([
    ['limit', '?limit=0'],
    ['limit', '?limit=201'],
    ['limit', '?limit=many'],
    ['q', `?q=${'x'.repeat(201)}`],
    ['(query)', '?customer=x'],
  ])('names %s in a 400 for a bad query', async (path, query) => {
    const res = await suggest(query);
    expect(res.status).toBe(400);
    expect(apiError.parse(await res.json()).error.issues?.map((issue) => issue.path)).toContain(path);
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKSPACE_TAGS } from '#shared/api';
import { ok } from '@/lib/result';
import { LISTS_MAX_AGE_MS, readWorkspaceLists, refreshWorkspaceLists, rememberCustomer, type WorkspaceListsStore } from '@/lib/api/workspace-lists';
import { type WorkspaceLists } from '@/lib/settings/items';
import { apiErrorBody, configured, fakeFetch, json } from '../helpers';

function listsStore(initial?: WorkspaceLists): WorkspaceListsStore & { value: unknown } {
  const store: WorkspaceListsStore & { value: unknown } = {
    value: initial,
    getValue: async () => store.value,
    setValue: async (value) => {
      store.value = value;
    },
  };
  return store;
}

const server = async () => ok(configured);

describe('workspace lists', () => {
  it('suggests the default tags before the server was ever asked', async () => {
    expect(await readWorkspaceLists(listsStore())).toMatchObject({ tags: [...DEFAULT_WORKSPACE_TAGS], customers: [] });
  });

  it('caches the server’s tags and recent customers, asking with the token', async () => {
    const store = listsStore();
    const { fetch, requests } = fakeFetch((request) =>
      request.path.endsWith('/tags')
        ? json({ tags: ['onboarding', 'billing'] })
        : json({ customers: [{ name: 'Globex', lastUsedAt: '2026-01-01T00:00:00Z', captures: 3 }] }),
    );
    const refreshed = await refreshWorkspaceLists({ fetch, server, store, now: () => 1000 });
    expect(refreshed).toEqual(
      ok({ tags: ['onboarding', 'billing'], customers: ['Globex'], serverUrl: configured.serverUrl, fetchedAt: 1000 }),
    );
    expect(await readWorkspaceLists(store)).toMatchObject({ tags: ['onboarding', 'billing'], customers: ['Globex'] });
    expect(requests.map((request) => request.path).sort()).toEqual(['/api/v1/customers', '/api/v1/tags']);
    expect(requests[0]?.headers.get('authorization')).toBe(`Bearer ${configured.token}`);
  });

  it('does not ask again while the cache is fresh, unless forced', async () => {
    const store = listsStore({ tags: ['a'], customers: [], serverUrl: configured.serverUrl, fetchedAt: 1000 });
    const { fetch, requests } = fakeFetch(() => json({ tags: [] }));
    await refreshWorkspaceLists({ fetch, server, store, now: () => 1000 + LISTS_MAX_AGE_MS - 1 });
    expect(requests).toHaveLength(0);
    await refreshWorkspaceLists({ fetch, server, store, now: () => 2000 }, { force: true });
    expect(requests.length).toBeGreaterThan(0);
  });

  it('keeps the cache as it was when offline or refused, and says why', async () => {
    const cached: WorkspaceLists = { tags: ['kept'], customers: ['Initech'], serverUrl: configured.serverUrl, fetchedAt: 0 };
    const store = listsStore(cached);
    const offline = fakeFetch(() => 'network-error');
    expect((await refreshWorkspaceLists({ fetch: offline.fetch, server, store, now: () => LISTS_MAX_AGE_MS * 2 })).ok).toBe(false);
    const refused = fakeFetch(() => json(apiErrorBody('unauthorized', 'no'), 401));
    const result = await refreshWorkspaceLists({ fetch: refused.fetch, server, store, now: () => LISTS_MAX_AGE_MS * 2 });
    expect(result).toEqual({ ok: false, reason: 'The server rejected the token: paste a valid one' });
    expect(store.value).toEqual(cached);
  });

  it('puts a customer just used first, once', async () => {
    const store = listsStore({ tags: [], customers: ['Initech', 'Globex'], serverUrl: '', fetchedAt: 0 });
    await rememberCustomer(store, 'globex');
    expect((await readWorkspaceLists(store)).customers).toEqual(['globex', 'Initech']);
  });
});

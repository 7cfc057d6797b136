import type { z } from 'zod';
import { API_PREFIX, customerSuggestions, workspaceTags } from '#shared/api';
import { describeFailure, type FetchLike } from './client';
import { errorMessage, fail, ok, type Result } from '../result';
import { requestTimeoutMs } from './retry-policy';
import { CACHED_CUSTOMERS_MAX, settingsItems, type Settings, type WorkspaceLists } from '../settings/items';
import { readSetting, storedValueOf, type StoredValue } from '../settings/storage';

/** Asked again at most this often (the background calls `refreshWorkspaceLists` after every sync). */
export const LISTS_MAX_AGE_MS = 10 * 60_000;


export type WorkspaceListsStore = StoredValue<WorkspaceLists>;

export const workspaceListsStore: WorkspaceListsStore = storedValueOf(settingsItems.workspaceLists);


/** What the editor suggests: the cached lists, or the default tags before the server was ever asked. */
export async function readWorkspaceLists(store: WorkspaceListsStore): Promise<WorkspaceLists> {
  const lists = await readSetting(settingsItems.workspaceLists, store);
  // A cache that does not validate is dropped: the next refresh asks the server again.
  return lists.ok ? lists.value : settingsItems.workspaceLists.fallback;
}

export interface RefreshDeps {
  fetch: FetchLike;
  /** The configured server; nothing is asked until there is one. */
  server: () => Promise<Result<Pick<Settings, 'serverUrl' | 'token'>>>;
  store: WorkspaceListsStore;
  now: () => number;
  timeout?: (ms: number) => AbortSignal;
}

/**
 * Ask the server for the tag list and the recent customers, and cache them. Skipped while the cache
 * is fresh unless `force`. Fails with a reason (offline, no token…), leaving the cache as it was.
 */
export async function refreshWorkspaceLists(deps: RefreshDeps, { force = false } = {}): Promise<Result<WorkspaceLists>> {
  const server = await deps.server();
  if (!server.ok) return server;
  const cached = await readWorkspaceLists(deps.store);
  const now = deps.now();
  if (!force && cached.serverUrl === server.value.serverUrl && now - cached.fetchedAt < LISTS_MAX_AGE_MS) return ok(cached);

  const get = async <T extends z.ZodType>(path: string, schema: T): Promise<Result<z.output<T>>> => {
    let response: Response;
    try {
      response = await deps.fetch(`${server.value.serverUrl}${API_PREFIX}${path}`, {
        method: 'GET',
        headers: { authorization: `Bearer ${server.value.token}`, accept: 'application/json' },
        signal: (deps.timeout ?? ((ms) => AbortSignal.timeout(ms)))(requestTimeoutMs(0)),
      });
    } catch (error) {
      return fail(`Can't reach ${server.value.serverUrl} (${errorMessage(error)})`);
    }
    if (!response.ok) return fail((await describeFailure(response, now)).reason);
    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    return parsed.success ? ok(parsed.data) : fail(`${path}: the server answered something Snag does not understand`);
  };

  const [tags, customers] = await Promise.all([
    get('/tags', workspaceTags),
    get(`/customers?limit=${CACHED_CUSTOMERS_MAX}`, customerSuggestions),
  ]);
  if (!tags.ok) return tags;
  if (!customers.ok) return customers;
  const lists: WorkspaceLists = {
    tags: tags.value.tags,
    customers: customers.value.customers.map((customer) => customer.name),
    serverUrl: server.value.serverUrl,
    fetchedAt: now,
  };
  await deps.store.setValue(lists);
  return ok(lists);
}

/** After a save: the customer goes first in the suggestions at once, without waiting for the server. */
export async function rememberCustomer(store: WorkspaceListsStore, customer: string): Promise<void> {
  const lists = await readWorkspaceLists(store);
  const key = customer.toLowerCase();
  const customers = [customer, ...lists.customers.filter((name) => name.toLowerCase() !== key)].slice(0, CACHED_CUSTOMERS_MAX);
  await store.setValue({ ...lists, customers });
}

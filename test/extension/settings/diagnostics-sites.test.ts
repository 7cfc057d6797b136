import { describe, expect, it } from 'vitest';
import {
  DIAGNOSTICS_MARK_ID,
  DIAGNOSTICS_SCRIPT_ID,
  disableDiagnostics,
  enableDiagnostics,
  parseSite,
  readDiagnosticsSites,
  startNewDiagnosticsSites,
  type CollectorScript,
  type DiagnosticsApi,
  type DiagnosticsSitesStore,
} from '@/lib/settings/diagnostics-sites';
import { DIAGNOSTICS_SITES_MAX } from '@/lib/settings/items';

/** The browser's permissions and registered scripts, as far as this feature uses them. */
function fakeApi({ manifestVersion = 3, grant = true } = {}) {
  const origins = new Set<string>();
  let registered: CollectorScript[] = [];
  const requests: string[][] = [];
  const api: DiagnosticsApi = {
    permissions: {
      getAll: async () => ({ origins: [...origins] }),
      request: async ({ origins: asked }) => {
        requests.push(asked);
        if (grant) for (const origin of asked) origins.add(origin);
        return grant;
      },
      remove: async ({ origins: removed }) => {
        for (const origin of removed) origins.delete(origin);
        return true;
      },
    },
    scripting: {
      getRegisteredContentScripts: async ({ ids }) => registered.filter((script) => ids.includes(script.id)),
      registerContentScripts: async (scripts) => {
        registered = [...registered, ...scripts];
      },
      updateContentScripts: async (scripts) => {
        registered = registered.map((script) => scripts.find((update) => update.id === script.id) ?? script);
      },
      unregisterContentScripts: async ({ ids }) => {
        registered = registered.filter((script) => !ids.includes(script.id));
      },
    },
    runtime: { getManifest: () => ({ manifest_version: manifestVersion }) },
  };
  return { api, origins, requests, registered: () => registered };
}

function sitesStore(): DiagnosticsSitesStore & { value: unknown } {
  const store: DiagnosticsSitesStore & { value: unknown } = {
    value: undefined,
    getValue: async () => store.value,
    setValue: async (value) => {
      store.value = value;
    },
  };
  return store;
}

describe('parseSite', () => {
  it('takes an address or a bare host, for web pages only, and matches any port', () => {
    expect(parseSite('https://app.example.com/dashboard?x=1')).toEqual({
      ok: true,
      value: { site: 'https://app.example.com', pattern: 'https://app.example.com/*' },
    });
    expect(parseSite('staging.example.com')).toEqual({
      ok: true,
      value: { site: 'https://staging.example.com', pattern: 'https://staging.example.com/*' },
    });
    expect(parseSite('http://localhost:3000')).toMatchObject({ ok: true, value: { site: 'http://localhost' } });
    expect(parseSite('file:///tmp/x.html').ok).toBe(false);
    expect(parseSite('  ').ok).toBe(false);
  });
});

describe('turning diagnostics on and off', () => {
  it('asks for that site only, then runs the collector there in the page’s world (Chrome)', async () => {
    const fake = fakeApi();
    const store = sitesStore();
    const result = await enableDiagnostics(fake.api, store, 'https://app.example.com/home');
    expect(result).toEqual({ ok: true, value: ['https://app.example.com'] });
    expect(fake.requests).toEqual([['https://app.example.com/*']]);
    expect(fake.registered()).toEqual([
      expect.objectContaining({
        id: DIAGNOSTICS_SCRIPT_ID,
        matches: ['https://app.example.com/*'],
        js: ['diagnostics-main.js'],
        world: 'MAIN',
        runAt: 'document_start',
      }),
      // Beside it, in the content-script world, the bridge that marks the page as collected from its start.
      expect.objectContaining({
        id: DIAGNOSTICS_MARK_ID,
        matches: ['https://app.example.com/*'],
        js: ['content-scripts/diagnostics-bridge.js'],
        runAt: 'document_start',
      }),
    ]);
    expect(fake.registered()[1]).not.toHaveProperty('world');

    await enableDiagnostics(fake.api, store, 'https://qa.example.com');
    expect(fake.registered()).toHaveLength(2);
    expect(fake.registered().map((script) => script.matches)).toEqual([
      ['https://app.example.com/*', 'https://qa.example.com/*'],
      ['https://app.example.com/*', 'https://qa.example.com/*'],
    ]);

    expect(await disableDiagnostics(fake.api, store, 'https://app.example.com')).toEqual({ ok: true, value: ['https://qa.example.com'] });
    expect(fake.origins.has('https://app.example.com/*')).toBe(false);
    expect(fake.registered()[0]?.matches).toEqual(['https://qa.example.com/*']);
    await disableDiagnostics(fake.api, store, 'https://qa.example.com');
    expect(fake.registered()).toEqual([]);
    expect(await readDiagnosticsSites(store)).toEqual({ ok: true, value: [] });
  });

  it('uses the bridge content script in Firefox (Manifest V2), which has no page-world registration', async () => {
    const fake = fakeApi({ manifestVersion: 2 });
    await enableDiagnostics(fake.api, sitesStore(), 'https://app.example.com');
    expect(fake.registered()).toHaveLength(1);
    expect(fake.registered()[0]).toMatchObject({ js: ['content-scripts/diagnostics-bridge.js'] });
    expect(fake.registered()[0]).not.toHaveProperty('world');
  });

  it('turns nothing on when the user refuses the permission', async () => {
    const fake = fakeApi({ grant: false });
    const store = sitesStore();
    const result = await enableDiagnostics(fake.api, store, 'https://app.example.com');
    expect(result).toEqual({ ok: false, reason: 'Not turned on: Snag needs your permission to run on https://app.example.com.' });
    expect(fake.registered()).toEqual([]);
    expect(await readDiagnosticsSites(store)).toEqual({ ok: true, value: [] });
  });
});

describe('a stored list that no longer validates', () => {
  // One site too many, as a newer version allowing more could have stored: the user's sites, not garbage.
  const tooMany = Array.from({ length: DIAGNOSTICS_SITES_MAX + 1 }, (_, index) => `https://site${index}.example.com`);

  it('is reported when read, not taken for an empty list', async () => {
    const store = sitesStore();
    store.value = tooMany;
    const read = await readDiagnosticsSites(store);
    expect(read).toMatchObject({ ok: false, reason: expect.stringContaining('diagnostics sites') });
  });

  it('is left as it is when a site is added or removed, so the user’s sites are never lost', async () => {
    const fake = fakeApi();
    const store = sitesStore();
    store.value = tooMany;
    expect((await enableDiagnostics(fake.api, store, 'https://qa.example.com')).ok).toBe(false);
    expect((await disableDiagnostics(fake.api, store, 'https://site0.example.com')).ok).toBe(false);
    expect(store.value).toEqual(tooMany);
  });
});

describe('startNewDiagnosticsSites', () => {
  it('replaces a list that does not validate with an empty one, only when asked, and runs the collector nowhere', async () => {
    const fake = fakeApi();
    const store = sitesStore();
    await enableDiagnostics(fake.api, store, 'https://app.example.com');
    store.value = 'not a list';
    expect(await readDiagnosticsSites(store)).toMatchObject({ ok: false, reason: expect.stringContaining('Start a new list') });
    expect(await startNewDiagnosticsSites(fake.api, store)).toEqual({ ok: true, value: [] });
    expect(store.value).toEqual([]);
    expect(fake.registered()).toEqual([]);
  });
});

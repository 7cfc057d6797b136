import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultSettings } from '@/lib/settings/items';
import { isConfigured, normalizeServerUrl, readSettings, saveSettings, settingsStore, splitSettingsStore } from '@/lib/settings/connection';
import type { TokenStore } from '@/lib/settings/token-store';
import { storage } from 'wxt/utils/storage';
import { memoryStore } from '../helpers';

describe('normalizeServerUrl', () => {
  it.each([
    ['https://snag.example.com', 'https://snag.example.com'],
    ['  https://snag.example.com/  ', 'https://snag.example.com'],
    ['http://localhost:8787', 'http://localhost:8787'],
    ['http://127.0.0.1:8787/snag', 'http://127.0.0.1:8787/snag'],
    ['http://127.1.2.3', 'http://127.1.2.3'],
    ['http://[::1]:8787', 'http://[::1]:8787'],
    ['https://example.com/snag/', 'https://example.com/snag'],
    ['HTTPS://Snag.Example.com', 'https://snag.example.com'],
  ])('accepts %j as %j', (input, expected) => {
    expect(normalizeServerUrl(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'Enter the Server URL'],
    ['snag.example.com', 'is not a URL'],
    ['ftp://snag.example.com', 'must start with https://'],
    ['javascript:alert(1)', 'must start with https://'],
    // Plain http only to this computer: anywhere else the token crosses the network readable.
    ['http://snag.example.com', 'http:// only for a server on this computer'],
    ['http://192.168.1.20:8787', 'http:// only for a server on this computer'],
    ['http://localhost.evil.example', 'http:// only for a server on this computer'],
    ['http://127.0.0.1.nip.io', 'http:// only for a server on this computer'],
    ['http://[::2]', 'http:// only for a server on this computer'],
    ['https://me:secret@snag.example.com', 'Leave the user name and password out'],
    ['https://snag.example.com/?team=1', 'cannot contain'],
  ])('refuses %j, saying why', (input, why) => {
    const result = normalizeServerUrl(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(why);
  });
});

describe('readSettings', () => {
  it('answers the defaults when nothing is stored', async () => {
    await expect(readSettings(memoryStore())).resolves.toEqual({ ok: true, value: defaultSettings });
  });

  it('reports an invalid stored value and leaves it alone', async () => {
    const store = memoryStore({ serverUrl: 'not a url', token: 'x' });
    const result = await readSettings(store);
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('serverUrl') });
    expect(store.value).toEqual({ serverUrl: 'not a url', token: 'x' });
  });

  it('refuses stored settings that send the token over plain http to another computer', async () => {
    const result = await readSettings(memoryStore({ serverUrl: 'http://snag.example.com', token: 't' }));
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('serverUrl') });
    await expect(readSettings(memoryStore({ serverUrl: 'http://127.0.0.1:8787', token: 't' }))).resolves.toMatchObject({ ok: true });
  });

  it('reports a stored value of the wrong shape', async () => {
    await expect(readSettings(memoryStore('https://snag.example.com'))).resolves.toMatchObject({ ok: false });
    await expect(readSettings(memoryStore({ serverUrl: '', token: '', extra: 1 }))).resolves.toMatchObject({ ok: false });
  });
});

describe('saveSettings', () => {
  it('stores the normalized URL and trimmed token', async () => {
    const store = memoryStore();
    const saved = await saveSettings(store, { serverUrl: 'https://snag.example.com/', token: '  snag_abc \n' });
    expect(saved).toEqual({ ok: true, value: { serverUrl: 'https://snag.example.com', token: 'snag_abc' } });
    await expect(readSettings(store)).resolves.toEqual(saved);
  });

  it('stores nothing when the URL is invalid', async () => {
    const store = memoryStore({ serverUrl: 'https://old.example.com', token: 'old' });
    const saved = await saveSettings(store, { serverUrl: 'old.example.com', token: 'new' });
    expect(saved.ok).toBe(false);
    expect(store.value).toEqual({ serverUrl: 'https://old.example.com', token: 'old' });
  });
});

describe('isConfigured', () => {
  it('needs both a server and a token', () => {
    expect(isConfigured(defaultSettings)).toBe(false);
    expect(isConfigured({ serverUrl: 'https://snag.example.com', token: '' })).toBe(false);
    expect(isConfigured({ serverUrl: 'https://snag.example.com', token: 't' })).toBe(true);
  });
});

describe('settingsStore (extension storage)', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps the server in local storage, never sync, and the token where content scripts cannot read it', async () => {
    await saveSettings(settingsStore, { serverUrl: 'https://snag.example.com', token: 'snag_abc' });
    // Content scripts can read storage.local (Firefox has no access level for it): no token there.
    const local = await fakeBrowser.storage.local.get(null);
    expect(JSON.stringify(local)).not.toContain('snag_abc');
    expect(local).toEqual({ settings: { serverUrl: 'https://snag.example.com', tokenRevision: expect.any(String) } });
    await expect(fakeBrowser.storage.sync.get(null)).resolves.toEqual({});
    await expect(fakeBrowser.storage.session.get(null)).resolves.toEqual({});
    await expect(readSettings(settingsStore)).resolves.toEqual({ ok: true, value: { serverUrl: 'https://snag.example.com', token: 'snag_abc' } });
  });

  it('changes the local settings with every save, so the background hears of a new token alone', async () => {
    await saveSettings(settingsStore, { serverUrl: 'https://snag.example.com', token: 'one' });
    const first = await fakeBrowser.storage.local.get('settings');
    await saveSettings(settingsStore, { serverUrl: 'https://snag.example.com', token: 'two' });
    expect(await fakeBrowser.storage.local.get('settings')).not.toEqual(first);
    await expect(readSettings(settingsStore)).resolves.toMatchObject({ ok: true, value: { token: 'two' } });
  });

  it('moves a token an older version kept in local storage out of it on first read', async () => {
    let secret: string | undefined;
    const tokens: TokenStore = { read: async () => secret, write: async (token) => void (secret = token) };
    await fakeBrowser.storage.local.set({ settings: { serverUrl: 'https://snag.example.com', token: 'legacy' } });
    const store = splitSettingsStore(storage.defineItem<unknown>('local:settings'), tokens);
    await expect(readSettings(store)).resolves.toEqual({ ok: true, value: { serverUrl: 'https://snag.example.com', token: 'legacy' } });
    expect(secret).toBe('legacy');
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('legacy');
    await expect(readSettings(store)).resolves.toMatchObject({ ok: true, value: { token: 'legacy' } });
  });
});

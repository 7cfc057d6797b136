import { z } from 'zod';
import { storage } from 'wxt/utils/storage';
import { isAllowedServerUrl, SERVER_URL_PROTOCOL_RULE } from '#shared/server-url';
import { fail, ok, type Result } from '../result';
import { settingsItems, type Settings } from './items';
import { readSetting, type StoredValue } from './storage';
import { indexedDbTokenStore, type TokenStore } from './token-store';


/** The storage the settings live in; the split store below, or anything alike in tests. */
export type SettingsStore = StoredValue<Settings>;

/** What `storage.local` holds under `settings`: everything but the token, and a mark that changes with it. */
const storedSettingsSchema = z.looseObject({ token: z.unknown().optional(), tokenRevision: z.string().optional() });

/**
 * The settings split in two: the server and who it connected as in `storage.local` (never `sync:`,
 * which would carry them to the user's other devices), the token in `tokenStore`, out of reach of
 * content scripts. A token an older version kept in `storage.local` is moved out on first read.
 * `tokenRevision` changes with every save, so `storage.onChanged` tells the background even when
 * only the token changed.
 */
export function splitSettingsStore(local: { getValue(): Promise<unknown>; setValue(value: unknown): Promise<void> }, tokens: TokenStore): SettingsStore {
  const revision = () => (typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : String(Math.random()));
  return {
    async getValue() {
      const stored = await local.getValue();
      const parsed = storedSettingsSchema.safeParse(stored);
      // Not ours to fix: `readSettings` reports what does not validate.
      if (!parsed.success) return stored;
      const { token: legacyToken, tokenRevision: _revision, ...rest } = parsed.data;
      if (typeof legacyToken === 'string') {
        // Written out before it is removed here, so a failure in between loses nothing.
        await tokens.write(legacyToken);
        await local.setValue({ ...rest, tokenRevision: revision() });
        return { ...rest, token: legacyToken };
      }
      return { ...rest, token: (await tokens.read()) ?? '' };
    },
    async setValue(value) {
      const { token, ...rest } = value;
      await tokens.write(token);
      await local.setValue({ ...rest, tokenRevision: revision() });
    },
  };
}

export const settingsStore: SettingsStore = splitSettingsStore(storage.defineItem<unknown>(settingsItems.connection.key), indexedDbTokenStore);

/** The settings; the defaults while nothing is stored, a reason when what is stored does not validate. */
export function readSettings(store: SettingsStore): Promise<Result<Settings>> {
  return readSetting(settingsItems.connection, store);
}

/** Validate and store what the user typed; the settings are only written when all of it is valid. */
export async function saveSettings(
  store: SettingsStore,
  input: { serverUrl: string; token: string; connectedAs?: Settings['connectedAs'] },
): Promise<Result<Settings>> {
  const serverUrl = normalizeServerUrl(input.serverUrl);
  if (!serverUrl.ok) return serverUrl;
  const settings: Settings = {
    serverUrl: serverUrl.value,
    token: input.token.trim(),
    ...(input.connectedAs ? { connectedAs: input.connectedAs } : {}),
  };
  await store.setValue(settings);
  return ok(settings);
}

/**
 * Turn what the user typed into the server's base URL (no trailing slash), or say what is wrong.
 * The server may live under a path (`https://example.com/snag`).
 */
export function normalizeServerUrl(input: string): Result<string> {
  const text = input.trim();
  if (text === '') return fail('Enter the Server URL, for example https://snag.example.com');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail(`"${text}" is not a URL: it should look like https://snag.example.com`);
  }
  // Plain http would show the token to anyone on the network: only for a server on this computer.
  if (!isAllowedServerUrl(url)) return fail(SERVER_URL_PROTOCOL_RULE);
  if (url.username !== '' || url.password !== '') {
    return fail('Leave the user name and password out of the Server URL: the access token signs you in');
  }
  if (url.search !== '' || url.hash !== '') {
    return fail('The Server URL cannot contain "?" or "#": use just the address of the server');
  }
  return ok(`${url.origin}${url.pathname.replace(/\/+$/, '')}`);
}

/** Both the server and the token are needed before anything can be sent. */
export function isConfigured(settings: Settings): boolean {
  return settings.serverUrl !== '' && settings.token !== '';
}

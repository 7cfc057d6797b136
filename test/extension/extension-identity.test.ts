import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHROME_EXTENSION_ID, CHROME_EXTENSION_KEY, CHROME_EXTENSION_ORIGIN } from '#shared/extension-identity';
import config from '../../wxt.config';

/** How Chrome derives an extension's ID from its manifest key: SHA-256 of the key's bytes, first 32 hex digits as a–p. */
function chromeIdOf(key: string): string {
  const hex = createHash('sha256').update(Buffer.from(key, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode('a'.charCodeAt(0) + Number.parseInt(digit, 16))).join('');
}

async function manifestFor(browser: 'chrome' | 'firefox'): Promise<Record<string, unknown>> {
  const { manifest } = config;
  if (typeof manifest !== 'function') throw new Error('wxt.config.ts builds the manifest per browser');
  return { ...(await manifest({ browser, mode: 'production', command: 'build', manifestVersion: browser === 'chrome' ? 3 : 2 })) };
}

describe('the extension’s fixed Chrome identity', () => {
  it('CHROME_EXTENSION_ID is the ID Chrome derives from CHROME_EXTENSION_KEY', () => {
    expect(chromeIdOf(CHROME_EXTENSION_KEY)).toBe(CHROME_EXTENSION_ID);
    expect(CHROME_EXTENSION_ORIGIN).toBe(`chrome-extension://${CHROME_EXTENSION_ID}`);
  });

  it('goes into the Chrome manifest only', async () => {
    expect((await manifestFor('chrome')).key).toBe(CHROME_EXTENSION_KEY);
    expect(await manifestFor('firefox')).not.toHaveProperty('key');
  });

  it('may ask for host access to any one server, and asks for none at install', async () => {
    const chrome = await manifestFor('chrome');
    expect(chrome.optional_host_permissions).toEqual(['http://*/*', 'https://*/*']);
    expect(chrome).not.toHaveProperty('host_permissions');
    expect((await manifestFor('firefox')).optional_permissions).toEqual(['http://*/*', 'https://*/*']);
  });
});

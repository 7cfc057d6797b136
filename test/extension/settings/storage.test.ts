import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { settingsItems } from '@/lib/settings/items';
import { changeSetting, readSetting, storedValueOf, type SettingsItem, type StoredValue } from '@/lib/settings/storage';

const colours: SettingsItem<string[]> = {
  key: 'local:colours',
  label: 'colours',
  schema: z.array(z.string()).max(2),
  fallback: ['red'],
  fix: 'Paint again.',
  version: 1,
  migrations: {},
};

function memory(value: unknown): StoredValue<string[]> & { value: unknown } {
  const store = {
    value,
    getValue: async () => store.value,
    setValue: async (next: string[]) => {
      store.value = next;
    },
  };
  return store;
}

beforeEach(() => fakeBrowser.reset());

describe('readSetting', () => {
  it('gives the fallback while nothing is stored, and what is stored once it validates', async () => {
    expect(await readSetting(colours, memory(undefined))).toEqual({ ok: true, value: ['red'] });
    expect(await readSetting(colours, memory(['blue']))).toEqual({ ok: true, value: ['blue'] });
  });

  it('reports a stored value that does not validate, naming the item and what is wrong', async () => {
    expect(await readSetting(colours, memory(['a', 'b', 'c']))).toEqual({
      ok: false,
      reason: expect.stringMatching(/^The saved colours are invalid \(colours: .+\)\. Paint again\.$/),
    });
  });
});

describe('changeSetting', () => {
  it('writes the change over a valid value', async () => {
    const store = memory(['blue']);
    expect(await changeSetting(colours, store, (known) => [...known, 'green'])).toEqual({ ok: true, value: ['blue', 'green'] });
    expect(store.value).toEqual(['blue', 'green']);
  });

  it('refuses to write over a value that does not validate, and leaves it as it is', async () => {
    const store = memory('not a list');
    expect((await changeSetting(colours, store, () => [])).ok).toBe(false);
    expect(store.value).toBe('not a list');
  });
});

describe('the settings table', () => {
  it('gives every item its own key', () => {
    const keys = Object.values(settingsItems).map((item) => item.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('reads and writes an item in storage.local under its key, with no version mark while at version 1', async () => {
    await storedValueOf(settingsItems.diagnosticsSites).setValue(['https://app.example.com']);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ diagnosticsSites: ['https://app.example.com'] });
  });

  it('runs an item’s migrations before the first read', async () => {
    await fakeBrowser.storage.local.set({ colours: 'red,blue' });
    const versioned: SettingsItem<string[]> = { ...colours, version: 2, migrations: { 2: (stored) => String(stored).split(',') } };
    expect(await readSetting(versioned, storedValueOf(versioned))).toEqual({ ok: true, value: ['red', 'blue'] });
  });
});

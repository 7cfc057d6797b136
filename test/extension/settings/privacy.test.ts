import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ALL_SCRUBBERS } from '#shared/pii';
import { ALL_SHOWN, defaultPrivacySettings, type PrivacySettings } from '@/lib/settings/items';
import {
  parseSelectorList,
  privacyStore,
  readPrivacySettings,
  savePrivacySettings,
  selectorChecker,
  type PrivacyStore,
} from '@/lib/settings/privacy';

function memoryPrivacyStore(initial: unknown = undefined): PrivacyStore & { value: unknown } {
  const store = {
    value: initial,
    getValue: async () => store.value,
    setValue: async (value: PrivacySettings) => {
      store.value = value;
    },
  };
  return store;
}

const anySelector = () => true;

describe('readPrivacySettings', () => {
  it('answers every scrubber on and no selectors when nothing is stored', async () => {
    await expect(readPrivacySettings(memoryPrivacyStore())).resolves.toEqual({ ok: true, value: defaultPrivacySettings });
    expect(defaultPrivacySettings).toEqual({ scrub: ALL_SCRUBBERS, redactShown: ALL_SHOWN, privateSelectors: [] });
  });

  it('fills what an older version did not store with the protective default', async () => {
    const store = memoryPrivacyStore({ scrub: { email: false } });
    await expect(readPrivacySettings(store)).resolves.toEqual({
      ok: true,
      value: { scrub: { email: false, phone: true, card: true, token: true }, redactShown: ALL_SHOWN, privateSelectors: [] },
    });
  });

  it.each<[string, unknown, string]>([
    ['a wrong type', { scrub: { email: 'yes' } }, 'scrub.email'],
    ['an unknown field', { scrub: ALL_SCRUBBERS, privateSelectors: [], extra: 1 }, 'privacy'],
    ['not an object', 'everything', 'privacy'],
    ['an empty selector', { privateSelectors: [''] }, 'privateSelectors.0'],
  ])('reports %s, and leaves the stored value as it is', async (_what, stored, where) => {
    const store = memoryPrivacyStore(stored);
    const read = await readPrivacySettings(store);
    expect(read).toMatchObject({ ok: false, reason: expect.stringContaining(where) });
    expect(store.value).toBe(stored);
  });
});

describe('savePrivacySettings', () => {
  it('stores the scrubbers and one selector a line', async () => {
    const store = memoryPrivacyStore();
    const saved = await savePrivacySettings(store, { scrub: { ...ALL_SCRUBBERS, phone: false }, selectors: ' .email \n\n#card-holder\n' }, anySelector);
    const expected = { scrub: { ...ALL_SCRUBBERS, phone: false }, redactShown: ALL_SHOWN, privateSelectors: ['.email', '#card-holder'] };
    expect(saved).toEqual({ ok: true, value: expected });
    expect(store.value).toEqual(expected);
  });

  it('stores one switch per kind of personal data to cover in screenshots, each on unless switched off', async () => {
    const store = memoryPrivacyStore();
    const redactShown = { email: true, phone: false, card: true };
    await expect(savePrivacySettings(store, { scrub: ALL_SCRUBBERS, redactShown, selectors: '' }, anySelector)).resolves.toMatchObject({
      ok: true,
      value: { redactShown },
    });
    await expect(readPrivacySettings(memoryPrivacyStore({ redactShown: { card: false } }))).resolves.toMatchObject({
      ok: true,
      value: { redactShown: { email: true, phone: true, card: false } },
    });
    await expect(readPrivacySettings(memoryPrivacyStore({ redactShown: { email: 'no' } }))).resolves.toMatchObject({
      ok: false,
      reason: expect.stringContaining('redactShown.email'),
    });
  });

  it('refuses a selector the browser cannot parse, and stores nothing', async () => {
    const store = memoryPrivacyStore();
    const saved = await savePrivacySettings(store, { scrub: ALL_SCRUBBERS, selectors: '.ok\ndiv[' }, selectorChecker(document));
    expect(saved).toEqual({ ok: false, reason: '"div[" is not a valid CSS selector' });
    expect(store.value).toBeUndefined();
  });

  it('refuses too many selectors', async () => {
    const selectors = Array.from({ length: 51 }, (_, index) => `.private-${index}`).join('\n');
    const saved = await savePrivacySettings(memoryPrivacyStore(), { scrub: ALL_SCRUBBERS, selectors }, anySelector);
    expect(saved).toMatchObject({ ok: false, reason: expect.stringContaining('at most 50 selectors') });
  });
});

describe('selectorChecker', () => {
  it('accepts what querySelector accepts', () => {
    const valid = selectorChecker(document);
    expect(['.a', '#b > c', '[data-x="1"]', 'input[type=email]'].every(valid)).toBe(true);
    expect(['', 'div[', '>>', '#'].some(valid)).toBe(false);
  });
});

describe('parseSelectorList', () => {
  it('splits lines and drops blank ones', () => {
    expect(parseSelectorList('a\r\n  b  \n\n')).toEqual(['a', 'b']);
  });
});

describe('privacyStore (extension storage)', () => {
  beforeEach(() => fakeBrowser.reset());

  it('lives in local storage under its own key, apart from the connection settings', async () => {
    await savePrivacySettings(privacyStore, { scrub: ALL_SCRUBBERS, selectors: '.secret' }, anySelector);
    await expect(fakeBrowser.storage.local.get('privacy')).resolves.toEqual({
      privacy: { scrub: ALL_SCRUBBERS, redactShown: ALL_SHOWN, privateSelectors: ['.secret'] },
    });
    await expect(fakeBrowser.storage.local.get('settings')).resolves.toEqual({});
    await expect(readPrivacySettings(privacyStore)).resolves.toMatchObject({ ok: true, value: { privateSelectors: ['.secret'] } });
  });
});

import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PrivacySettings } from '@/entrypoints/options/PrivacySettings';
import { privacyStore, readPrivacySettings } from '@/lib/settings/privacy';

// Options → Privacy: one switch per kind of personal data covered in screenshots, on by default.

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

let root: Root;
let container: HTMLElement;

beforeEach(() => {
  fakeBrowser.reset();
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
});

async function flush() {
  for (let round = 0; round < 10; round += 1) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
}

describe('PrivacySettings (Options)', () => {
  it('offers a switch per kind of personal data to cover in screenshots, each on, and saves the choice', async () => {
    await act(async () => root.render(<PrivacySettings />));
    await flush();
    const group = [...container.querySelectorAll('fieldset')].find((fieldset) => fieldset.querySelector('legend')?.textContent === 'Cover in screenshots when the page shows them');
    if (!group) throw new Error('no "Cover in screenshots" group');
    const switches = [...group.querySelectorAll('input[type="checkbox"]')].filter((input) => input instanceof HTMLInputElement);
    expect(switches.map((input) => [input.labels?.[0]?.textContent, input.checked])).toEqual([
      ['Email addresses', true],
      ['Phone numbers', true],
      ['Payment card numbers (checked with the card checksum)', true],
    ]);

    await act(async () => switches[1]?.click());
    const apply = [...container.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Apply privacy settings');
    await act(async () => apply?.click());
    await flush();
    await expect(readPrivacySettings(privacyStore)).resolves.toMatchObject({ ok: true, value: { redactShown: { email: true, phone: false, card: true } } });
  });
});

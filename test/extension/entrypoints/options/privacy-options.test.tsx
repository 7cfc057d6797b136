import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PrivacySettings } from '@/entrypoints/options/PrivacySettings';
import { privacyStore, readPrivacySettings } from '@/lib/settings/privacy';
import { reactRootForEachTest, settleReact } from '../react-root';

// Options → Privacy: one switch per kind of personal data covered in screenshots, on by default.

const page = reactRootForEachTest();

beforeEach(() => fakeBrowser.reset());


describe('PrivacySettings (Options)', () => {
  it('offers a switch per kind of personal data to cover in screenshots, each on, and saves the choice', async () => {
    await act(async () => page.root.render(<PrivacySettings />));
    await settleReact();
    const group = [...page.container.querySelectorAll('fieldset')].find((fieldset) => fieldset.querySelector('legend')?.textContent === 'Cover in screenshots when the page shows them');
    if (!group) throw new Error('no "Cover in screenshots" group');
    const switches = [...group.querySelectorAll('input[type="checkbox"]')].filter((input) => input instanceof HTMLInputElement);
    expect(switches.map((input) => [input.labels?.[0]?.textContent, input.checked])).toEqual([
      ['Email addresses', true],
      ['Phone numbers', true],
      ['Payment card numbers (checked with the card checksum)', true],
    ]);

    await act(async () => switches[1]?.click());
    const apply = [...page.container.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Apply privacy settings');
    await act(async () => apply?.click());
    await settleReact();
    await expect(readPrivacySettings(privacyStore)).resolves.toMatchObject({ ok: true, value: { redactShown: { email: true, phone: false, card: true } } });
  });
});

import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ConnectServer } from '@/entrypoints/options/ConnectServer';
import { createBackgroundServices } from '@/lib/background-services';
import { handleMessagesInBackground } from '@/lib/messages';
import { readSettings, settingsStore } from '@/lib/settings/connection';
import { apiErrorBody, fakeFetch, fromOptionsPage, json, memoryLock } from '../../helpers';
import { mountReactRoot, unmountReactRoot } from '../react-root';

// The options page's "Connect" against the real background services and a fake pairing server:
// the permission asked for, the code shown, and the token kept out of the page.

const SERVER = 'http://127.0.0.1:8787';
let root: Root;
let container: HTMLElement;
let approved = false;
let polls = 0;

function wireBackground() {
  const server = fakeFetch((request) => {
    if (request.path === '/api/v1/pairings') {
      return json({ pairingId: 'p1', userCode: 'BCDF-GHJK', pollSecret: 's', expiresAt: '2026-11-22T13:10:00.000Z', intervalSeconds: 2 }, 201);
    }
    if (request.path === '/api/v1/pairings/p1/poll') {
      polls += 1;
      return approved
        ? json({ status: 'approved', token: 'snag_capture_token_secret', user: { id: 'u2', name: 'Mia Member', role: 'member' } })
        : json({ status: 'pending' });
    }
    return json(apiErrorBody('not_found', 'no'), 404);
  });
  const lock = memoryLock();
  const clock = { now: Date.parse('2026-11-22T13:00:00Z') };
  const services = createBackgroundServices(browser, {
    fetch: server.fetch,
    now: () => clock.now,
    locks: { request: (_name, task) => lock(task) },
  });
  handleMessagesInBackground(services.handlers, fromOptionsPage(fakeBrowser.runtime.onMessage));
  return clock;
}

async function flush() {
  for (let round = 0; round < 10; round += 1) {
    await act(async () => {
      await Promise.resolve();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
}

function setValue(input: HTMLInputElement, value: string) {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

const byText = (name: string) =>
  [...container.querySelectorAll('button')].find((button) => button.textContent?.trim() === name) ?? null;

beforeEach(async () => {
  fakeBrowser.reset();
  approved = false;
  polls = 0;
  vi.spyOn(fakeBrowser.runtime, 'getPlatformInfo').mockResolvedValue({ os: 'linux', arch: 'x86-64' });
  ({ root, container } = mountReactRoot());
});

afterEach(async () => {
  await unmountReactRoot({ root, container });
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('Options: Connect to your Snag server', () => {
  it('asks for access to that server only, shows the code, and says who it connected as; the token never reaches the page', async () => {
    // The page polls on an interval: driven by hand here.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const clock = wireBackground();
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    const opened = vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({ id: 9, index: 0, active: true, pinned: false, highlighted: false, incognito: false, windowId: 1 });
    await act(async () => root.render(<ConnectServer />));
    await flush();

    const serverInput = container.querySelector('input[type=url]');
    if (!(serverInput instanceof HTMLInputElement)) throw new Error('no Server URL field');
    await act(async () => setValue(serverInput, `${SERVER}/`));
    await act(async () => byText('Connect')?.click());
    expect(request).toHaveBeenCalledWith({ origins: ['http://127.0.0.1/*'] });
    await flush();
    expect(container.querySelector('.pairing-code')?.textContent).toBe('BCDF-GHJK');

    await act(async () => byText('Open the dashboard to confirm')?.click());
    expect(opened).toHaveBeenCalledWith({ url: `${SERVER}/#/pair` });

    approved = true;
    clock.now += 2_000;
    await act(async () => vi.advanceTimersByTime(2_000));
    await flush();

    expect(polls).toBe(1);
    expect(container.querySelector('[role=status]')?.textContent).toBe('Connected as Mia Member (member)');
    expect(container.querySelector('.connected')?.textContent).toBe(`Snag sends captures to ${SERVER} as Mia Member (member).`);
    expect(await readSettings(settingsStore)).toMatchObject({ ok: true, value: { token: 'snag_capture_token_secret' } });
    expect(container.innerHTML).not.toContain('snag_capture_token_secret');
    expect(container.querySelector<HTMLInputElement>('input[type=password]')?.value).toBe('');
  });

  it('stops, saying why, when the person declines the permission', async () => {
    wireBackground();
    vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(false);
    await act(async () => root.render(<ConnectServer />));
    await flush();
    const serverInput = container.querySelector('input[type=url]');
    if (!(serverInput instanceof HTMLInputElement)) throw new Error('no Server URL field');
    await act(async () => setValue(serverInput, 'https://snag.example.com'));
    await act(async () => byText('Connect')?.click());
    await flush();
    expect(container.querySelector('[role=status]')?.textContent).toBe(
      'Snag needs your permission to talk to snag.example.com. Press Connect again and choose Allow.',
    );
    expect(container.querySelector('.pairing-code')).toBeNull();
  });

  it('refuses plain http to another computer before asking for any permission', async () => {
    wireBackground();
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    await act(async () => root.render(<ConnectServer />));
    await flush();
    const serverInput = container.querySelector('input[type=url]');
    if (!(serverInput instanceof HTMLInputElement)) throw new Error('no Server URL field');
    await act(async () => setValue(serverInput, 'http://snag.example.com'));
    await act(async () => byText('Connect')?.click());
    await flush();
    expect(request).not.toHaveBeenCalled();
    expect(serverInput.getAttribute('aria-invalid')).toBe('true');
    expect(container.querySelector('[role=status]')?.textContent).toContain('http:// only for a server on this computer');
    expect(container.textContent).toContain('Plain http:// works only for a server on this computer');
  });
});

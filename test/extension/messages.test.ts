import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  dispatchToBackground,
  isFromExtensionPage,
  type MessageSender,
  handleMessagesInBackground,
  sendToBackground,
  type BackgroundHandlers,
  type OutboxStatus,
} from '@/lib/messages';
import { fail, ok } from '@/lib/result';

const status: OutboxStatus = {
  configured: true,
  settingsProblem: null,
  waiting: 1,
  sending: 0,
  sent: 2,
  needsAttention: 1,
  attention: [
    {
      id: 'c1',
      kind: 'screenshot',
      title: 'Checkout',
      savedAt: 5,
      problem: 'rejected',
      reason: 'tags.0: a tag is at most 40 characters',
    },
  ],
  uploads: [],
  retrying: null,
  nextAttemptAt: null,
};

function handlers(overrides: Partial<BackgroundHandlers> = {}): BackgroundHandlers {
  return {
    captureScreen: vi.fn(async () => ok({ draftId: 'd1' })),
    clipSelection: vi.fn(async () => ok({ draftId: 'd2' })),
    pinElement: vi.fn(async () => ok({ draftId: 'd3' })),
    captureFullPage: vi.fn(async () => ok({ draftId: 'd4' })),
    fullPageProgress: vi.fn(async () => ok({ section: 4, of: 12 })),
    cancelFullPage: vi.fn(async () => ok({ cancelled: true })),
    syncNow: vi.fn(async () => ok(status)),
    getOutboxStatus: vi.fn(async () => ok(status)),
    retryCapture: vi.fn(async () => ok(status)),
    discardCapture: vi.fn(async () => ok(status)),
    testConnection: vi.fn(async () => ok({ userName: 'Ada', serverVersion: '1.0.0' })),
    startPairing: vi.fn(async () => ok({ state: 'pending' as const, serverUrl: 'https://snag.example.com', userCode: 'BCDF-GHJK', expiresAt: 1 })),
    pairingStatus: vi.fn(async () => ok({ state: 'idle' as const })),
    cancelPairing: vi.fn(async () => ok({ state: 'idle' as const })),
    ...overrides,
  };
}

const envelope = (name: string, payload: unknown) => ({ direction: 'ui→background', name, payload });

const self = { id: 'snag-id', origin: 'chrome-extension://snag-id' };
const popup: MessageSender = { id: 'snag-id', url: 'chrome-extension://snag-id/popup.html', origin: 'chrome-extension://snag-id' };
const fromPopup = (all: BackgroundHandlers, message: unknown) => dispatchToBackground(all, message, popup, self);

describe('who may ask the background', () => {
  it('hears the extension’s own pages, in both browsers’ shapes', () => {
    expect(isFromExtensionPage(popup, self)).toBe(true);
    const firefox = { id: 'snag@snag.invalid', origin: 'moz-extension://0f1e' };
    expect(isFromExtensionPage({ id: 'snag@snag.invalid', url: 'moz-extension://0f1e/editor.html?draft=1' }, firefox)).toBe(true);
  });

  it('does not answer content scripts, other extensions or web pages, and calls no handler', () => {
    const all = handlers();
    const strangers: MessageSender[] = [
      // A content script: our id, but the page's URL.
      { id: 'snag-id', url: 'https://evil.example/', origin: 'https://evil.example' },
      { id: 'snag-id', url: 'https://evil.example/' },
      { id: 'other-extension', url: 'chrome-extension://other-extension/page.html' },
      { id: 'snag-id', url: 'chrome-extension://snag-id/popup.html', origin: 'https://evil.example' },
      { id: 'snag-id' },
      {},
    ];
    for (const sender of strangers) {
      expect(dispatchToBackground(all, envelope('captureScreen', {}), sender, self)).toBeUndefined();
      expect(dispatchToBackground(all, envelope('testConnection', { serverUrl: 'https://x', token: 't' }), sender, self)).toBeUndefined();
    }
    expect(all.captureScreen).not.toHaveBeenCalled();
    expect(all.testConnection).not.toHaveBeenCalled();
  });
});

describe('dispatchToBackground', () => {
  it('leaves messages that are not part of the protocol to other listeners', () => {
    expect(fromPopup(handlers(), { type: 'something-else' })).toBeUndefined();
    expect(fromPopup(handlers(), 'captureScreen')).toBeUndefined();
    expect(fromPopup(handlers(), { direction: 'background→ui', name: 'captureScreen', payload: {} })).toBeUndefined();
  });

  it('refuses an unknown message name with a reason', async () => {
    await expect(fromPopup(handlers(), envelope('deleteEverything', {}))).resolves.toEqual(
      fail('Unknown message "deleteEverything"'),
    );
  });

  it('refuses a payload of the wrong shape without calling the handler', async () => {
    const all = handlers();
    const answer = await fromPopup(all, envelope('testConnection', { serverUrl: 42, token: 'x' }));
    expect(answer).toMatchObject({ ok: false, reason: expect.stringContaining('Invalid testConnection request: serverUrl') });
    expect(all.testConnection).not.toHaveBeenCalled();
  });

  it('refuses unknown fields (the request schemas are strict)', async () => {
    const answer = await fromPopup(handlers(), envelope('captureScreen', { tabId: 3 }));
    expect(answer).toMatchObject({ ok: false, reason: expect.stringContaining('Invalid captureScreen request') });
  });

  it('hands the handler the parsed request, with defaults filled in', async () => {
    const all = handlers();
    await expect(fromPopup(all, envelope('syncNow', {}))).resolves.toEqual(ok(status));
    expect(all.syncNow).toHaveBeenCalledWith({ retryAll: false });
  });

  it('asks for a capture id to retry or discard', async () => {
    const all = handlers();
    await expect(fromPopup(all, envelope('discardCapture', { id: 'c1' }))).resolves.toEqual(ok(status));
    expect(all.discardCapture).toHaveBeenCalledWith({ id: 'c1' });
    await expect(fromPopup(all, envelope('retryCapture', {}))).resolves.toMatchObject({
      ok: false,
      reason: expect.stringContaining('Invalid retryCapture request: id'),
    });
    expect(all.retryCapture).not.toHaveBeenCalled();
  });

  it('turns a handler that throws into a reason', async () => {
    const all = handlers({
      captureScreen: async () => {
        throw new Error('tabs went away');
      },
    });
    await expect(fromPopup(all, envelope('captureScreen', {}))).resolves.toEqual(
      fail('captureScreen failed: tabs went away'),
    );
  });
});

describe('sendToBackground', () => {
  it('returns the answer when it matches the protocol', async () => {
    const send = vi.fn(async () => ok({ draftId: 'd1' }));
    await expect(sendToBackground('captureScreen', {}, send)).resolves.toEqual(ok({ draftId: 'd1' }));
    expect(send).toHaveBeenCalledWith(envelope('captureScreen', {}));
  });

  it('passes a failure through as it came', async () => {
    const send = async () => fail('Select some text on the page first, then clip it.');
    await expect(sendToBackground('clipSelection', {}, send)).resolves.toEqual(
      fail('Select some text on the page first, then clip it.'),
    );
  });

  it('refuses an answer of the wrong shape', async () => {
    const send = async () => ok({ draftId: 7 });
    await expect(sendToBackground('captureScreen', {}, send)).resolves.toEqual(
      fail("Snag's background gave an unexpected answer to captureScreen"),
    );
    await expect(sendToBackground('getOutboxStatus', {}, async () => undefined)).resolves.toMatchObject({ ok: false });
  });

  it('reports a background that cannot be reached', async () => {
    const send = async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    };
    await expect(sendToBackground('getOutboxStatus', {}, send)).resolves.toMatchObject({
      ok: false,
      reason: expect.stringContaining('did not answer'),
    });
  });
});

describe('through runtime messaging', () => {
  beforeEach(() => fakeBrowser.reset());

  it('carries a request to the handlers and the answer back', async () => {
    const all = handlers();
    // The fake browser names no sender: stand in for the popup, and for a content script.
    type Listener = (message: unknown, sender: MessageSender) => Promise<unknown> | undefined;
    const listeners: Listener[] = [];
    handleMessagesInBackground(all, { addListener: (listener) => listeners.push(listener) }, self);
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => listeners[0]?.(message, popup));
    expect(listeners[0]?.(envelope('captureScreen', {}), { id: 'snag-id', url: 'https://shop.example/' })).toBeUndefined();
    await expect(sendToBackground('testConnection', { serverUrl: 'https://snag.example.com', token: 't' })).resolves.toEqual(
      ok({ userName: 'Ada', serverVersion: '1.0.0' }),
    );
    expect(all.testConnection).toHaveBeenCalledWith({ serverUrl: 'https://snag.example.com', token: 't' });
  });
});

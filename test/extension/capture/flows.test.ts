import { describe, expect, it, vi } from 'vitest';
import { CANNOT_ACCESS, type CaptureDeps } from '@/lib/capture/context';
import { captureScreen, decodeImageDataUrl } from '@/lib/capture/screen';
import { QUOTE_MAX_LENGTH } from '#shared/capture';
import { clipSelection, quoteFrom } from '@/lib/capture/clip';
import type { SnagDb } from '@/lib/outbox/database';
import { draftIdFromSearch, editorUrl, getDraft } from '@/lib/capture/draft-store';
import type { PageInfo } from '@/lib/page/page-info';
import type { TabAccess, TargetTab } from '@/lib/capture/tab-access';
import { freshDb } from '../helpers';

const PNG_DATA_URL = `data:image/png;base64,${btoa('\x89PNG\r\n\x1a\nrest')}`;
const pageTab: TargetTab = { id: 7, windowId: 2, index: 3, url: 'https://app.example.com/accounts/8812' };
const pageInfo: PageInfo = {
  url: 'https://app.example.com/accounts/8812',
  title: 'Account 8812',
  viewport: { width: 1280, height: 720 },
  devicePixelRatio: 1,
  language: 'en-US',
  timeZone: 'Europe/Berlin',
  selection: 'Export is\ndisabled',
};

function fakeTabs(overrides: Partial<TabAccess> = {}) {
  return {
    activeTab: vi.fn(async (): Promise<TargetTab | undefined> => pageTab),
    captureVisible: vi.fn(async () => PNG_DATA_URL),
    readPage: vi.fn(async (): Promise<unknown> => pageInfo),
    readVisibleData: vi.fn(async (): Promise<unknown> => []),
    openEditor: vi.fn(async () => undefined),
    ...overrides,
  };
}

function captureDeps(db: SnagDb, tabs: TabAccess): CaptureDeps {
  return {
    db,
    tabs,
    systemInfo: async () => ({ browser: { name: 'Chrome', version: '131' }, os: 'Linux', extensionVersion: '0.1.0' }),
    now: () => Date.parse('2026-11-22T13:00:00Z'),
    newId: () => 'draft-1',
    extensionOrigin: 'chrome-extension://abcdef',
  };
}

describe('captureScreen', () => {
  it('captures the active tab’s window, saves a draft and opens the editor next to the tab', async () => {
    const db = await freshDb();
    const tabs = fakeTabs();
    await expect(captureScreen(captureDeps(db, tabs))).resolves.toEqual({ ok: true, value: { draftId: 'draft-1' } });
    expect(tabs.captureVisible).toHaveBeenCalledWith(2);
    expect(tabs.readPage).toHaveBeenCalledWith(7);
    expect(tabs.openEditor).toHaveBeenCalledWith('draft-1', pageTab);

    const draft = await getDraft(db, 'draft-1');
    expect(draft).toMatchObject({
      kind: 'screenshot',
      page: { url: pageInfo.url, title: 'Account 8812' },
      createdAt: '2026-11-22T13:00:00.000Z',
      environment: { browser: { name: 'Chrome' }, viewport: { width: 1280, height: 720 }, timeZone: 'Europe/Berlin' },
      image: { contentType: 'image/png' },
    });
    expect(draft?.quote).toBeUndefined();
  });

  it('refuses to capture one of Snag’s own pages (the popup opened as a tab)', async () => {
    const db = await freshDb();
    const tabs = fakeTabs({ activeTab: async () => ({ id: 1, windowId: 1, url: 'chrome-extension://abcdef/popup.html' }) });
    const result = await captureScreen(captureDeps(db, tabs));
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('Switch to the page') });
    expect(await db.count('drafts')).toBe(0);
  });

  it('explains a page the browser does not let it capture', async () => {
    const db = await freshDb();
    const tabs = fakeTabs({
      captureVisible: async () => {
        throw new Error("Either the '<all_urls>' or 'activeTab' permission is required.");
      },
    });
    await expect(captureScreen(captureDeps(db, tabs))).resolves.toEqual({ ok: false, reason: CANNOT_ACCESS });
  });

  it('refuses a page whose address the server would not take', async () => {
    const db = await freshDb();
    const tabs = fakeTabs({ readPage: async () => ({ ...pageInfo, url: 'not a url' }) });
    await expect(captureScreen(captureDeps(db, tabs))).resolves.toMatchObject({ ok: false });
    expect(await db.count('drafts')).toBe(0);
  });

  it('drops the draft when the editor cannot be opened', async () => {
    const db = await freshDb();
    const tabs = fakeTabs({
      openEditor: async () => {
        throw new Error('no window');
      },
    });
    await expect(captureScreen(captureDeps(db, tabs))).resolves.toMatchObject({ ok: false });
    expect(await db.count('drafts')).toBe(0);
  });
});

describe('clipSelection', () => {
  it('clips the page’s selection (line breaks kept) into a draft and opens the editor', async () => {
    const db = await freshDb();
    const tabs = fakeTabs();
    await expect(clipSelection(captureDeps(db, tabs))).resolves.toEqual({ ok: true, value: { draftId: 'draft-1' } });
    expect(await getDraft(db, 'draft-1')).toMatchObject({ kind: 'clip', quote: 'Export is\ndisabled' });
    expect(tabs.captureVisible).not.toHaveBeenCalled();
    // No screenshot, so no boxes over personal data to look for.
    expect(tabs.readVisibleData).not.toHaveBeenCalled();
  });

  it('from the context menu: uses the menu’s tab and, when the page has none, the menu’s text', async () => {
    const db = await freshDb();
    const tabs = fakeTabs({ readPage: async () => ({ ...pageInfo, selection: '' }) });
    const menuTab = { id: 9, windowId: 4 };
    await clipSelection(captureDeps(db, tabs), { tab: menuTab, selectionText: 'text in a frame' });
    expect(tabs.activeTab).not.toHaveBeenCalled();
    expect(tabs.openEditor).toHaveBeenCalledWith('draft-1', menuTab);
    expect(await getDraft(db, 'draft-1')).toMatchObject({ quote: 'text in a frame' });
  });

  it('asks for a selection when there is none', async () => {
    const db = await freshDb();
    const tabs = fakeTabs({ readPage: async () => ({ ...pageInfo, selection: '  \n ' }) });
    await expect(clipSelection(captureDeps(db, tabs))).resolves.toEqual({
      ok: false,
      reason: 'Select some text on the page first, then clip it.',
    });
  });
});

describe('helpers', () => {
  it('quoteFrom trims and cuts to what the server takes', () => {
    expect(quoteFrom('', '  hello ')).toBe('hello');
    expect(quoteFrom(undefined, '')).toBeUndefined();
    const long = quoteFrom('a'.repeat(QUOTE_MAX_LENGTH + 10));
    expect(long?.length).toBe(QUOTE_MAX_LENGTH);
    expect(long?.endsWith('…')).toBe(true);
  });

  it('decodeImageDataUrl reads captureVisibleTab’s answer', () => {
    const decoded = decodeImageDataUrl(PNG_DATA_URL);
    expect(decoded.ok && decoded.value.contentType).toBe('image/png');
    expect(decoded.ok && new Uint8Array(decoded.value.bytes).slice(0, 4)).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
    expect(decodeImageDataUrl('data:image/gif;base64,R0lG').ok).toBe(false);
    expect(decodeImageDataUrl('https://example.com/a.png').ok).toBe(false);
  });

  it('editor addresses carry the draft id', () => {
    const url = editorUrl('chrome-extension://abc/editor.html', '019a-x y');
    expect(url).toBe('chrome-extension://abc/editor.html?draft=019a-x+y');
    expect(draftIdFromSearch(new URL(url).search)).toBe('019a-x y');
    expect(draftIdFromSearch('')).toBeNull();
  });
});

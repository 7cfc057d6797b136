import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ElementLocator } from '#shared/capture';
import type { CaptureDeps } from '@/lib/capture/context';
import { draftDetails, draftTitle } from '@/lib/capture/details';
import { getDraft } from '@/lib/capture/draft-store';
import { describeForPicker, elementAt, pickElement, pickOutcomeSchema, type PickerView } from '@/lib/page/element-picker';
import { privacyCheck } from '@/lib/page/locators';
import type { PageInfo } from '@/lib/page/page-info';
import { PICKER_SCRIPT, PIN_CANCELLED, pinElement } from '@/lib/capture/pin';
import { pinOutline } from '@/lib/capture/pin-outline';
import type { PageScripts, TabAccess } from '@/lib/capture/tab-access';
import { freshDb } from '../helpers';

const locator: ElementLocator = {
  selector: '[data-testid="export"]',
  xpath: '/html/body/main/button',
  tagName: 'button',
  text: 'Export',
  role: 'button',
  name: 'Export',
  viewportBox: { x: 100, y: 50, width: 200, height: 40 },
  documentBox: { x: 100, y: 850, width: 200, height: 40 },
};

const pageInfo: PageInfo = {
  url: 'https://app.example.com/invoices',
  title: 'Invoices',
  viewport: { width: 1000, height: 500 },
  devicePixelRatio: 1,
  language: 'en',
  selection: '',
};

async function pinDeps(answer: unknown | (() => Promise<unknown>)) {
  const captureVisible = vi.fn(async () => `data:image/png;base64,${btoa('\x89PNG\r\n\x1a\n')}`);
  const tabs: TabAccess = {
    activeTab: async () => ({ id: 4, windowId: 1, url: pageInfo.url }),
    captureVisible,
    readPage: async () => pageInfo,
    readVisibleData: async () => [],
    openEditor: async () => undefined,
  };
  const runFile = vi.fn(async () => (typeof answer === 'function' ? answer() : answer));
  const scripts: PageScripts = { run: async () => undefined, runFile };
  const deps: CaptureDeps = {
    db: await freshDb(),
    tabs,
    systemInfo: async () => ({ browser: { name: 'Firefox', version: '153' }, os: 'Linux', extensionVersion: '0.1.0' }),
    now: () => 0,
    newId: () => 'draft-1',
    extensionOrigin: 'moz-extension://abc',
    captureSettings: async () => ({ privateSelectors: [], customerRules: [] }),
  };
  return { deps, scripts, captureVisible, runFile };
}

describe('pinElement', () => {
  it('runs the picker, then captures the tab and opens a pin draft with the element’s locators', async () => {
    const { deps, scripts, captureVisible, runFile } = await pinDeps({ picked: locator });
    await expect(pinElement(deps, { scripts })).resolves.toEqual({ ok: true, value: { draftId: 'draft-1' } });
    expect(runFile).toHaveBeenCalledWith(4, PICKER_SCRIPT);
    expect(captureVisible).toHaveBeenCalledWith(1);
    const draft = await getDraft(deps.db, 'draft-1');
    if (!draft) throw new Error('no draft');
    expect(draftDetails(draft).element).toEqual(locator);
    expect(draftTitle(draft)).toBe('New pin');
  });

  it('captures nothing when the user cancels, and says so quietly', async () => {
    const { deps, scripts, captureVisible } = await pinDeps({ cancelled: true, reason: 'escape' });
    await expect(pinElement(deps, { scripts })).resolves.toEqual({ ok: false, reason: PIN_CANCELLED });
    expect(captureVisible).not.toHaveBeenCalled();
    expect(await deps.db.count('drafts')).toBe(0);
  });

  it('refuses what the page answered if it is not a pick (a page may tamper with it)', async () => {
    const { deps, scripts } = await pinDeps({ picked: { selector: 'x' } });
    await expect(pinElement(deps, { scripts })).resolves.toMatchObject({ ok: false });
    expect(await deps.db.count('drafts')).toBe(0);
  });

  it('explains a page it may not enter', async () => {
    const { deps, scripts } = await pinDeps(() => Promise.reject(new Error('Cannot access contents of the page')));
    await expect(pinElement(deps, { scripts })).resolves.toMatchObject({ ok: false, reason: expect.stringContaining("can't capture this tab") });
  });
});

describe('pinOutline', () => {
  it('draws a padded rectangle around the element, in fractions of the screenshot, inside the image', () => {
    expect(pinOutline(locator.viewportBox, { width: 1000, height: 500 })).toEqual({
      type: 'rect',
      x: 0.096,
      y: 0.092,
      width: 0.208,
      height: 0.096,
      color: '#ff3b30',
    });
    expect(pinOutline({ x: -50, y: 480, width: 100, height: 100 }, { width: 1000, height: 500 })).toEqual({
      type: 'rect',
      x: 0,
      y: 0.952,
      width: 0.054,
      height: 0.048,
      color: '#ff3b30',
    });
    expect(pinOutline({ x: 0, y: 900, width: 10, height: 10 }, { width: 1000, height: 500 })).toBeUndefined();
  });
});

describe('the element picker (in the page)', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    vi.restoreAllMocks();
  });

  function mountView(): PickerView & { removed: () => boolean } {
    const host = document.createElement('snag-element-picker');
    const surface = document.createElement('div');
    surface.tabIndex = -1;
    const highlight = document.createElement('div');
    const label = document.createElement('div');
    surface.append(highlight, label);
    host.append(surface);
    document.body.append(host);
    let removed = false;
    return {
      host,
      surface,
      highlight,
      label,
      remove: () => {
        removed = true;
        host.remove();
      },
      removed: () => removed,
    };
  }

  function pointAt(element: Element, host: Element) {
    // happy-dom lays nothing out: the browser would find `element` under the pointer, above our overlay.
    Object.defineProperty(document, 'elementsFromPoint', { configurable: true, value: () => [host, element, document.body] });
  }

  it('outlines the element under the pointer and pins it on a click, which the page never sees', async () => {
    document.body.innerHTML = '<main><button data-testid="export">Export</button></main>';
    const view = mountView();
    const button = document.querySelector('button');
    if (!button) throw new Error('fixture');
    const pageClicks = vi.fn();
    button.addEventListener('click', pageClicks);
    pointAt(button, view.host);

    const picking = pickElement(document, view, { isPrivate: privacyCheck() });
    view.surface.dispatchEvent(new MouseEvent('pointermove', { clientX: 10, clientY: 10, bubbles: true }));
    expect(view.highlight.hidden).toBe(false);
    expect(view.label.textContent).toBe('button “Export”');
    view.surface.dispatchEvent(new MouseEvent('click', { clientX: 10, clientY: 10, bubbles: true }));

    const outcome = pickOutcomeSchema.parse(await picking);
    expect(outcome).toMatchObject({ picked: { selector: '[data-testid="export"]', text: 'Export', role: 'button' } });
    expect(view.removed()).toBe(true);
    expect(pageClicks).not.toHaveBeenCalled();
  });

  it('cancels on Esc, and moves with the arrow keys before Enter pins', async () => {
    document.body.innerHTML = '<ul id="list"><li id="one">One</li><li>Two</li></ul>';
    const cancelled = pickElement(document, mountView(), { isPrivate: privacyCheck() });
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await expect(cancelled).resolves.toEqual({ cancelled: true, reason: 'escape' });

    const view = mountView();
    const item = document.getElementById('one');
    if (!item) throw new Error('fixture');
    pointAt(item, view.host);
    const picking = pickElement(document, view, { isPrivate: privacyCheck() });
    view.surface.dispatchEvent(new MouseEvent('pointermove', { clientX: 5, clientY: 5 }));
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp' }));
    expect(view.label.textContent).toBe('ul (list) “OneTwo”');
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown' }));
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await expect(picking).resolves.toMatchObject({ picked: { selector: '#one' } });
  });

  it('gives up after the timeout, and when another pick takes over', async () => {
    let expire: () => void = () => undefined;
    const timedOut = pickElement(document, mountView(), {
      isPrivate: privacyCheck(),
      setTimeout: (run) => {
        expire = run;
      },
    });
    expire();
    await expect(timedOut).resolves.toEqual({ cancelled: true, reason: 'timeout' });

    const controller = new AbortController();
    const replaced = pickElement(document, mountView(), { isPrivate: privacyCheck(), signal: controller.signal });
    controller.abort();
    await expect(replaced).resolves.toEqual({ cancelled: true, reason: 'replaced' });
  });

  it('never describes a private element’s text', () => {
    document.body.innerHTML = '<p data-snag-private>Balance $12,000</p>';
    const paragraph = document.querySelector('p');
    if (!paragraph) throw new Error('fixture');
    expect(describeForPicker(paragraph, privacyCheck())).toBe('p · private');
  });

  it('looks into open shadow roots for the element under the pointer', () => {
    document.body.innerHTML = '<div id="widget"></div>';
    const host = document.getElementById('widget');
    if (!host) throw new Error('fixture');
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<button>Send</button>';
    const send = shadow.querySelector('button');
    const picker = document.createElement('div');
    pointAt(host, picker);
    Object.defineProperty(shadow, 'elementsFromPoint', { configurable: true, value: () => [send, host] });
    expect(elementAt(document, 1, 1, picker)).toBe(send);
  });
});

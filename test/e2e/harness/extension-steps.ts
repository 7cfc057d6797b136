import type { ExtensionBrowser, Tab } from './driver';
import { boxOf, waitForText, type TextMatch } from './page-text';

/** What the extension's pages say in their role=status element, once it reads `expected`. */
export function waitForStatus(tab: Tab, expected: TextMatch, timeout?: number): Promise<string> {
  return waitForText(tab, '[role="status"]', expected, timeout);
}

/** Options keeps the pasted-token form under a disclosure ("Advanced: paste a token"): open it. */
export async function showTokenField(options: Tab): Promise<void> {
  await options.waitUntil(() => {
    const summary = [...document.querySelectorAll('details > summary')].find((element) => element.textContent === 'Advanced: paste a token');
    const details = summary?.parentElement;
    if (!(summary instanceof HTMLElement) || !(details instanceof HTMLDetailsElement)) return false;
    if (!details.open) summary.click();
    return true;
  });
}

/** Saves the server URL and token on the Options page, as a user would. */
export async function connectExtension(browser: ExtensionBrowser, serverUrl: string, token: string): Promise<void> {
  const options = await browser.openExtensionPage('options.html');
  await showTokenField(options);
  await options.fill('Server URL', serverUrl);
  await options.fill('Access token', token);
  await options.click('Save');
  await waitForStatus(options, 'Saved');
  await options.close();
}

const isEditor = (url: string) => url.includes('/editor.html?draft=');

/**
 * Opens the popup in a tab, brings `site` to the front (the popup acts on the page the user is
 * looking at) and presses `button`; resolves with the popup, left open, and the editor it opened.
 */
export async function startFromPopup(browser: ExtensionBrowser, site: Tab, button: string): Promise<{ popup: Tab; editor: Tab }> {
  const popup = await browser.openExtensionPage('popup.html');
  await site.bringToFront();
  const editor = await pressForEditor(browser, popup, button);
  return { popup, editor };
}

/** Presses `button` in the popup and answers the editor tab it opens (not one open before). */
export async function pressForEditor(browser: ExtensionBrowser, popup: Tab, button: string): Promise<Tab> {
  const known = new Set((await browser.tabUrls()).filter(isEditor));
  await popup.click(button);
  return browser.waitForTab((url) => isEditor(url) && !known.has(url));
}

/** How many editor tabs are open now. */
export async function editorCount(browser: ExtensionBrowser): Promise<number> {
  return (await browser.tabUrls()).filter((url) => url.includes('/editor.html')).length;
}

/** Waits for the editor's heading ("New screenshot", "New pin", …): the draft has loaded. */
export function waitForHeading(editor: Tab, heading: string, timeout = 60_000): Promise<string> {
  return waitForText(editor, 'h1', heading, timeout);
}

/** Drags a rectangle across the annotation overlay. */
export async function drawHighlight(editor: Tab): Promise<void> {
  await editor.waitUntil(() => document.querySelector('.annotator svg') !== null);
  const box = await boxOf(editor, '.annotator svg');
  await editor.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.2);
  await editor.mouse.down();
  await editor.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.4, 5);
  await editor.mouse.up();
}

/** Selects the text of the element matching `selector`, as a user dragging over it would. */
export async function selectText(site: Tab, selector: string): Promise<void> {
  await site.evaluate((css) => {
    const range = document.createRange();
    range.selectNodeContents(document.querySelector(css) ?? document.body);
    window.getSelection()?.removeAllRanges();
    window.getSelection()?.addRange(range);
  }, selector);
}

/** Options → Diagnostics → "Turn on for this site", and waits until Options says they are on; answers Options. */
export async function turnOnDiagnostics(browser: ExtensionBrowser, site: string, options?: Tab): Promise<Tab> {
  options ??= await browser.openExtensionPage('options.html');
  await options.fill('Site', site);
  await options.click('Turn on for this site');
  await waitForText(options, '*', /^Diagnostics on\./);
  return options;
}

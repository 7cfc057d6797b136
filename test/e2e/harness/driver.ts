/**
 * One way to drive a browser with Snag installed, whichever browser it is (as Dark Reader's tests
 * do): each scenario is written once against these interfaces and runs in Chromium (Playwright,
 * chromium.ts) and Firefox (Puppeteer over WebDriver BiDi, firefox.ts).
 */

export type BrowserName = 'Chromium' | 'Firefox';

export const browsers: readonly BrowserName[] = ['Chromium', 'Firefox'];

export type AccessibleRole = 'button' | 'link';

/** A tab: a web page, the dashboard or one of the extension's pages. */
export interface Tab {
  /** Where the tab is now (asked of the page: Firefox over BiDi reports extension pages as about:blank). */
  url(): Promise<string>;
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  bringToFront(): Promise<void>;
  close(): Promise<void>;
  /** Resolves once the tab closes; ask before the action that closes it. */
  closed(): Promise<void>;
  /** Clicks the enabled control with this role (a button unless told) and accessible name (exact text, or a pattern), inside `within` if given. */
  click(name: string | RegExp, where?: { role?: AccessibleRole; within?: string }): Promise<void>;
  /** Clicks the first element matching a CSS selector, for what has no name (a card's title link, a summary). */
  clickSelector(selector: string): Promise<void>;
  /** Replaces the value of the control whose label reads `label` (inside `within`, a CSS selector, if given), typing as a user would. */
  fill(label: string, value: string, within?: string): Promise<void>;
  /** Picks `value` in the <select> whose label reads `label`. */
  select(label: string, value: string, within?: string): Promise<void>;
  /** The current value of the control whose label reads `label`. */
  valueOf(label: string, within?: string): Promise<string>;
  /** Presses a key (Playwright/Puppeteer key names: 'Escape', 'Enter', 'j'). */
  press(key: string): Promise<void>;
  /** Runs `fn` in the page (its source is sent, so it may use only its argument) and answers its result. */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Runs a script's source in the page, outside its Content-Security-Policy (to load a library such as axe). */
  evaluateSource(source: string): Promise<void>;
  /** Chromium only (Puppeteer emulates media features over CDP, which Firefox does not speak): prefers-color-scheme. */
  emulateColorScheme?(scheme: 'light' | 'dark'): Promise<void>;
  /** Waits until `fn(arg)` is truthy in the page, and answers that value. */
  waitUntil<R, A = undefined>(fn: (arg: A) => R, arg?: A, timeout?: number): Promise<NonNullable<Awaited<R>>>;
  /** The mouse, in CSS pixels of the viewport. */
  readonly mouse: Mouse;
  /** An image of the viewport as it is shown now. */
  screenshot(): Promise<Buffer>;
}

export interface Mouse {
  move(x: number, y: number, steps?: number): Promise<void>;
  down(): Promise<void>;
  up(): Promise<void>;
  click(x: number, y: number): Promise<void>;
}

/** A browser with the end-to-end build of Snag installed, in a fresh profile. */
export interface ExtensionBrowser {
  readonly name: BrowserName;
  /** An extension page's URL (chrome-extension:// or moz-extension://). */
  extensionUrl(path: string): string;
  /** Opens an extension page in a new tab and waits until it has rendered. */
  openExtensionPage(path: string): Promise<Tab>;
  /** Opens a web page in a new tab. */
  openPage(url: string): Promise<Tab>;
  /** The tab whose URL matches, once it is open (30 s at most). */
  waitForTab(matches: (url: string) => boolean): Promise<Tab>;
  /** The URLs of every tab open now. */
  tabUrls(): Promise<string[]>;
  close(): Promise<void>;
}

/** What an extension page shows once React has rendered it. */
export const renderedSelector = '#root *';

const pollTimeout = 30_000;

/** Polls `find` until it answers something (for adapters whose browser has no event for it); throws after 30 s saying `what` did not happen. */
export async function pollFor<T>(find: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + pollTimeout;
  while (Date.now() < deadline) {
    const found = await find();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} within ${pollTimeout / 1000} s`);
}

/**
 * A page function with its argument's type forgotten: Playwright and Puppeteer type the argument
 * through their handle mappings, which a generic argument cannot pass (the page only sees JSON).
 */
export function untyped<A, R>(fn: (arg: A) => R): (arg: unknown) => unknown {
  return fn as unknown as (arg: unknown) => unknown;
}

/** What Playwright's and Puppeteer's pages have in common, method for method. */
interface CommonPage {
  goto(url: string): Promise<unknown>;
  reload(): Promise<unknown>;
  bringToFront(): Promise<void>;
  close(): Promise<void>;
  mouse: {
    move(x: number, y: number, options?: { steps?: number }): Promise<void>;
    down(): Promise<void>;
    up(): Promise<void>;
    click(x: number, y: number): Promise<void>;
  };
}

/** The Tab methods both adapters pass straight through to their library's page. */
export function commonTabMethods(page: CommonPage): Pick<Tab, 'goto' | 'reload' | 'bringToFront' | 'close' | 'mouse'> {
  return {
    goto: async (url) => {
      await page.goto(url);
    },
    reload: async () => {
      await page.reload();
    },
    bringToFront: () => page.bringToFront(),
    close: () => page.close(),
    mouse: {
      move: (x, y, steps) => page.mouse.move(x, y, { steps }),
      down: () => page.mouse.down(),
      up: () => page.mouse.up(),
      click: (x, y) => page.mouse.click(x, y),
    },
  };
}

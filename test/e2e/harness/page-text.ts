import type { Tab } from './driver';

/** What a text must be: exactly this string, match this pattern, or contain this string. */
export type TextMatch = string | RegExp | { contains: string };

type SentMatch = { exact: string } | { pattern: string; flags: string } | { contains: string };

function sendable(expected: TextMatch): SentMatch {
  if (typeof expected === 'string') return { exact: expected };
  if (expected instanceof RegExp) return { pattern: expected.source, flags: expected.flags.replace('g', '') };
  return expected;
}

/** Waits until an element matching `selector` reads `expected` (its trimmed text); answers that text. */
export function waitForText(tab: Tab, selector: string, expected: TextMatch, timeout = 30_000): Promise<string> {
  return tab.waitUntil(
    ({ selector, match }) => {
      const fits = (text: string) =>
        'exact' in match ? text === match.exact : 'contains' in match ? text.includes(match.contains) : new RegExp(match.pattern, match.flags).test(text);
      const texts = [...document.querySelectorAll(selector)].map((element) => element.textContent?.trim() ?? '');
      return texts.find(fits) ?? null;
    },
    { selector, match: sendable(expected) },
    timeout,
  ).then((text) => text ?? '');
}

/** The trimmed text of the first element matching `selector`, or '' when there is none. */
export function textOf(tab: Tab, selector: string): Promise<string> {
  return tab.evaluate((css) => document.querySelector(css)?.textContent?.trim() ?? '', selector);
}

/** How many elements match `selector` now. */
export function countOf(tab: Tab, selector: string): Promise<number> {
  return tab.evaluate((css) => document.querySelectorAll(css).length, selector);
}

/** Waits until exactly `count` elements match `selector`. */
export async function waitForCount(tab: Tab, selector: string, count: number, timeout = 30_000): Promise<void> {
  await tab.waitUntil(({ css, wanted }) => document.querySelectorAll(css).length === wanted, { css: selector, wanted: count }, timeout);
}

/** The bounding box of the first element matching `selector`, in CSS pixels of the viewport. */
export async function boxOf(tab: Tab, selector: string): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await tab.evaluate((css) => {
    const rect = document.querySelector(css)?.getBoundingClientRect();
    return rect ? { x: rect.x, y: rect.y, width: rect.width, height: rect.height } : null;
  }, selector);
  if (!box) throw new Error(`nothing matches ${selector}`);
  return box;
}

/**
 * A selector for the element with `role` whose aria-labelledby text reads `name` (CSS cannot match
 * that): the element is tagged with data-e2e-name. Ask again after a reload.
 */
export async function selectorForLabelled(tab: Tab, role: string, name: string): Promise<string> {
  await tab.waitUntil(
    ({ role, name }) => {
      const found = [...document.querySelectorAll(`[role="${role}"][aria-labelledby]`)].find(
        (element) => document.getElementById(element.getAttribute('aria-labelledby') ?? '')?.textContent?.trim() === name,
      );
      found?.setAttribute('data-e2e-name', name);
      return found !== undefined;
    },
    { role, name },
  );
  return `[role="${role}"][data-e2e-name="${name}"]`;
}

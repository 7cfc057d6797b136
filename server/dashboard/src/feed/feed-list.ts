import type { ReviewedCapture } from '#shared/review';

/**
 * The feed's rows as pure functions over an array, so the paging, live updates and merges that
 * all touch it can be tested without rendering.
 */

/** Page two onwards: append what is not shown yet (a page boundary may shift under us). */
export function appendPage(items: readonly ReviewedCapture[], page: readonly ReviewedCapture[]): ReviewedCapture[] {
  const seen = new Set(items.map((item) => item.id));
  return [...items, ...page.filter((item) => !seen.has(item.id))];
}

/**
 * A newer version of a capture: replaces its row (keeping the row's place). A capture merged into
 * another leaves the list unless merged ones are being shown. Same array when nothing changed.
 */
export function replaceItem(
  items: readonly ReviewedCapture[],
  capture: ReviewedCapture,
  includeMerged: boolean,
): readonly ReviewedCapture[] {
  const at = items.findIndex((item) => item.id === capture.id);
  if (at === -1) return items;
  if (capture.triage.mergedInto !== null && !includeMerged) return removeItem(items, capture.id);
  const next = [...items];
  next[at] = capture;
  return next;
}

export function removeItem(items: readonly ReviewedCapture[], id: string): readonly ReviewedCapture[] {
  return items.some((item) => item.id === id) ? items.filter((item) => item.id !== id) : items;
}

/**
 * What a fresh first page says about the list on screen: how many captures in it are not shown
 * yet (for the "N new captures" banner) and newer versions of the rows that are.
 */
export function compareFirstPage(
  items: readonly ReviewedCapture[],
  page: readonly ReviewedCapture[],
  pageIsFull: boolean,
): { unseen: number; more: boolean; updates: ReviewedCapture[] } {
  const shown = new Map(items.map((item) => [item.id, item]));
  const unseen = page.filter((item) => !shown.has(item.id)).length;
  const updates = page.filter((item) => {
    const current = shown.get(item.id);
    return current !== undefined && current.triage.updatedAt !== item.triage.updatedAt;
  });
  return { unseen, more: pageIsFull && unseen === page.length, updates };
}

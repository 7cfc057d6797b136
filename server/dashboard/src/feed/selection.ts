/**
 * Which captures of the feed are selected for a bulk action. Pure: every function returns a new
 * selection, so React sees each change and tests need no DOM.
 */

export interface Selection {
  readonly ids: ReadonlySet<string>;
  /** Where the next range (Shift+x, Shift+click) starts: the last capture toggled. */
  readonly anchor: string | null;
}

export const EMPTY_SELECTION: Selection = { ids: new Set(), anchor: null };

export function toggle(selection: Selection, id: string): Selection {
  const ids = new Set(selection.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { ids, anchor: id };
}

/**
 * Select every capture from the anchor to `id` (inclusive, either direction), keeping what was
 * already selected. Without an anchor (or when it has left the list) this selects just `id`.
 */
export function selectRange(selection: Selection, order: readonly string[], id: string): Selection {
  const to = order.indexOf(id);
  if (to === -1) return selection;
  const anchorAt = selection.anchor === null ? -1 : order.indexOf(selection.anchor);
  const from = anchorAt === -1 ? to : anchorAt;
  const ids = new Set(selection.ids);
  for (let index = Math.min(from, to); index <= Math.max(from, to); index++) {
    const at = order[index];
    if (at !== undefined) ids.add(at);
  }
  return { ids, anchor: id };
}

/** Everything shown, or nothing when everything shown is already selected. */
export function toggleAll(selection: Selection, order: readonly string[]): Selection {
  const allSelected = order.length > 0 && order.every((id) => selection.ids.has(id));
  return allSelected ? EMPTY_SELECTION : { ids: new Set(order), anchor: selection.anchor };
}

/** Drop what is no longer in the list (merged away, deleted, filtered out). Same object when nothing changed. */
export function prune(selection: Selection, order: readonly string[]): Selection {
  const present = new Set(order);
  if ([...selection.ids].every((id) => present.has(id)) && (selection.anchor === null || present.has(selection.anchor))) {
    return selection;
  }
  return {
    ids: new Set([...selection.ids].filter((id) => present.has(id))),
    anchor: selection.anchor !== null && present.has(selection.anchor) ? selection.anchor : null,
  };
}

/** The selected ids in list order (what a bulk action sends). */
export function selectedInOrder(selection: Selection, order: readonly string[]): string[] {
  return order.filter((id) => selection.ids.has(id));
}

/**
 * What a triage command acts on: the selection when there is one, else the capture in focus.
 * (Gmail's rule: select to act on many, or just act on the one you are on.)
 */
export function targets(selection: Selection, order: readonly string[], focused: string | null): string[] {
  const selected = selectedInOrder(selection, order);
  if (selected.length > 0) return selected;
  return focused !== null && order.includes(focused) ? [focused] : [];
}

/**
 * A merge: the survivor is the capture in focus (with none in focus, the first selected); the
 * duplicates are the rest of the selection. Null when there is nothing to merge.
 */
export function mergePlan(
  selection: Selection,
  order: readonly string[],
  focused: string | null,
): { targetId: string; duplicateIds: string[] } | null {
  const selected = selectedInOrder(selection, order);
  const targetId = focused !== null && order.includes(focused) ? focused : selected[0];
  if (targetId === undefined) return null;
  const duplicateIds = selected.filter((id) => id !== targetId);
  return duplicateIds.length === 0 ? null : { targetId, duplicateIds };
}
